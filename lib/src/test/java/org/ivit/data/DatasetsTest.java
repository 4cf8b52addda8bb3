package org.ivit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.ivit.data.prepare.Caltech101Recipe;
import org.ivit.data.prepare.FashionMnistRecipe;
import org.junit.jupiter.api.Test;

/** The dataset registry: its order, the paper's columns, and errors that list what is known. */
class DatasetsTest {
    @Test
    void theRegistryListsTheFiveDatasetsInRegistrationOrder() {
        assertEquals(
                List.of(
                        "caltech101",
                        "oxford_pets",
                        "stanford_cars",
                        "flowers102",
                        "fashion_mnist"),
                Datasets.ids());
        assertEquals(
                List.of("Caltech101", "Pets", "Cars", "Flowers"),
                Datasets.paper().stream().map(BenchmarkDataset::label).toList());
        assertEquals(
                List.of(0, 1, 2, 3),
                Datasets.paper().stream().map(BenchmarkDataset::paperColumn).toList());
        assertFalse(FashionMnistRecipe.DATASET.inPaper());
        assertEquals(100, Datasets.byId("caltech101").classes());
        assertTrue(Datasets.recipe("caltech101") instanceof Caltech101Recipe);
    }

    @Test
    void anUnknownIdIsAnErrorThatListsTheKnownOnes() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Datasets.byId("pets"));
        assertTrue(
                e.getMessage().contains("'pets'")
                        && e.getMessage().contains("oxford_pets, stanford_cars"),
                e.getMessage());
    }

    @Test
    void aDatasetNeedsAPlainIdAndTwoClasses() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new BenchmarkDataset("Oxford Pets", "Pets", 37, "pets"));
        assertThrows(
                IllegalArgumentException.class,
                () -> new BenchmarkDataset("one", "One", 1, "simple7"));
    }

    @Test
    void eachProfileRunsRegisteredDatasets() {
        assertEquals(List.of(FashionMnistRecipe.DATASET), ProfileDatasets.of("quick"));
        assertEquals(Datasets.paper(), ProfileDatasets.of("paper"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ProfileDatasets.of("fast"));
        assertTrue(e.getMessage().contains("fast"), e.getMessage());
    }
}
