package org.ivit.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateSetTest {

    @Test
    void builtInSetsHaveClipsSizes() throws Exception {
        assertEquals(80, TemplateSet.named("imagenet80").size());
        assertEquals(7, TemplateSet.named("simple7").size());
        assertEquals(34, TemplateSet.named("caltech101").size());
        assertEquals(
                List.of("a photo of a {}, a type of pet."), TemplateSet.named("pets").templates());
        assertEquals(
                List.of("a photo of a {}, a type of flower."),
                TemplateSet.named("flowers").templates());
        assertEquals(8, TemplateSet.named("cars").size());
        assertEquals("i love my {}!", TemplateSet.named("cars").templates().get(3));
        assertTrue(TemplateSet.named("fashion-mnist").size() >= 3);
        assertEquals("itap of a {}.", TemplateSet.named("simple7").templates().get(0));
        assertEquals("a bad photo of a {}.", TemplateSet.named("imagenet80").templates().get(0));
    }

    /**
     * Every dataset that {@code prepare} knows gets its own set, looked up by the id that {@code
     * prepare} writes.
     */
    @Test
    void everyPreparableDatasetHasItsOwnSet() throws Exception {
        List<String> ids = Datasets.ids();
        assertEquals(5, ids.size());
        assertEquals(
                new java.util.TreeSet<>(ids),
                new java.util.TreeSet<>(TemplateSet.datasetSets().keySet()));
        for (String id : ids) {
            assertEquals(
                    id, Datasets.recipe(id).name(), "the recipe's folder name is the dataset id");
            TemplateSet set = TemplateSet.forDataset(id);
            assertTrue(TemplateSet.BUILT_IN.contains(set.name()), id + " -> " + set.name());
            assertTrue(
                    !set.name().equals("simple7") && !set.name().equals("imagenet80"),
                    id + " must not fall back to a generic set");
        }
        assertEquals("pets", TemplateSet.forDataset("oxford_pets").name());
        assertEquals("flowers", TemplateSet.forDataset("flowers102").name());
        assertEquals("cars", TemplateSet.forDataset("stanford_cars").name());
        assertEquals("fashion-mnist", TemplateSet.forDataset("fashion_mnist").name());
        assertEquals("caltech101", TemplateSet.forDataset("caltech101").name());
    }

    @Test
    void anUnknownDatasetIsAnErrorThatListsTheKnownOnes() {
        for (String id : List.of("pets", "cars", "fashion-mnist", "toy")) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> TemplateSet.forDataset(id));
            assertTrue(e.getMessage().contains("'" + id + "'"), e.getMessage());
            for (String known : Datasets.ids()) {
                assertTrue(e.getMessage().contains(known), e.getMessage());
            }
            assertTrue(e.getMessage().contains("--templates"), e.getMessage());
        }
    }

    @Test
    void fillsTheClassName() throws Exception {
        assertEquals(
                List.of("a photo of a Bengal, a type of pet."),
                TemplateSet.named("pets").prompts("Bengal"));
    }

    @Test
    void readsAUserFileWithCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("mine.txt"),
                        "# my templates\n\na {} on a table.\n  a blurry {}.  \n");
        TemplateSet set = TemplateSet.named(file.toString());
        assertEquals(List.of("a {} on a table.", "a blurry {}."), set.templates());
        assertEquals("file:mine.txt", set.name());
    }

    @Test
    void rejectsTemplatesWithoutAPlaceAndUnknownNames(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.txt"), "a photo of a cat.\n");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> TemplateSet.named(file.toString()));
        assertTrue(e.getMessage().contains("has no {}"), e.getMessage());
        assertThrows(FileNotFoundException.class, () -> TemplateSet.named("no-such-set"));
    }
}
