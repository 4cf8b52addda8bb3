package org.ivit.prompt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.ivit.clip.Clip;
import org.ivit.clip.ClipConfig;
import org.ivit.data.PreparedDataset;
import org.ivit.io.SafetensorsReader;
import org.ivit.model.UnitVectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prompt banks with a random-weight CLIP of the reference's tiny size (32x32 images). */
class PromptBankTest {
    private static Clip clip;
    @TempDir static Path dataDir;
    private static PreparedDataset toy;

    @BeforeAll
    static void setUp() throws IOException {
        clip = Clip.random(ClipConfig.tinyReference(), 3);
        toy = ToyDataset.write(dataDir, "toy", 3);
    }

    @AfterAll
    static void tearDown() {
        clip.close();
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    @Test
    void textPromptIsTheNormalisedMeanOfNormalisedTemplateEmbeddings() throws IOException {
        TemplateSet templates = TemplateSet.named("cars");
        PromptBank bank = PromptBanks.text(clip, "toy", ToyDataset.CLASSES, templates);
        assertEquals(3, bank.size());
        assertEquals(32, bank.dim());
        float[][] dog = clip.embedTexts(templates.prompts("dog"));
        float[] expected = PromptBanks.meanOfUnitVectors(dog, dog.length)[0];
        assertArrayEquals(expected, bank.row(1), 1e-5f);
        for (int c = 0; c < 3; c++) {
            assertEquals(1.0, norm(bank.row(c)), 1e-5);
        }
        assertEquals(Clip.RANDOM_LABEL, bank.clipLabel());
        assertNull(bank.recipe().seed(), "a text bank has no seed");
    }

    @Test
    void savesAndLoadsWithItsRecipe(@TempDir Path dir) throws IOException {
        PromptBank bank =
                PromptBanks.text(clip, "toy", ToyDataset.CLASSES, TemplateSet.named("simple7"));
        Path file = dir.resolve("bank.safetensors");
        bank.save(file);
        PromptBank back = PromptBank.load(file, "toy", ToyDataset.CLASSES);
        assertEquals(bank.recipe(), back.recipe());
        assertArrayEquals(bank.row(2), back.row(2));
        try (SafetensorsReader reader = SafetensorsReader.open(file)) {
            assertArrayEquals(new long[] {3, 32}, reader.info("prompts").shape());
            assertEquals("toy", reader.metadata().get("dataset"));
            assertEquals("[\"cat\",\"dog\",\"red car\"]", reader.metadata().get("classes"));
            assertEquals("text", reader.metadata().get("kind"));
            assertEquals("simple7", reader.metadata().get("template_set"));
            assertEquals("CLIP: random weights", reader.metadata().get("clip_label"));
            assertEquals("random-weights", reader.metadata().get("clip_weights_sha256"));
            assertEquals(clip.modelId(), reader.metadata().get("clip_model"));
        }
    }

    @Test
    void loadingForOtherClassesNamesBothDatasets(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bank.safetensors");
        PromptBanks.text(clip, "toy", ToyDataset.CLASSES, TemplateSet.named("pets")).save(file);
        IOException e =
                assertThrows(
                        IOException.class,
                        () -> PromptBank.load(file, "pets", List.of("Abyssinian", "Bengal")));
        assertTrue(
                e.getMessage().contains("'toy'") && e.getMessage().contains("'pets'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'cat' vs 'Abyssinian'"), e.getMessage());
    }

    @Test
    void imagePromptsUseSeededTrainingImagesAndRecordThem() throws IOException {
        PromptBank one = PromptBanks.image(clip, toy, 1, 7);
        PromptBank again = PromptBanks.image(clip, toy, 1, 7);
        assertEquals(one.recipe().imagePaths(), again.recipe().imagePaths());
        assertArrayEquals(one.row(0), again.row(0));
        assertEquals(3, one.recipe().imagePaths().size());
        assertTrue(
                one.recipe().imagePaths().get(2).get(0).startsWith("images/c2_"),
                one.recipe().imagePaths().toString());
        float[] alone =
                clip.embedImageFiles(
                                List.of(
                                        toy.layout()
                                                .root()
                                                .resolve(one.recipe().imagePaths().get(0).get(0))))[
                        0];
        assertArrayEquals(UnitVectors.of(alone), one.row(0), 1e-5f);
        boolean seedMatters = false;
        for (long seed = 8; seed < 20 && !seedMatters; seed++) {
            seedMatters =
                    !PromptBanks.image(clip, toy, 1, seed)
                            .recipe()
                            .imagePaths()
                            .equals(one.recipe().imagePaths());
        }
        assertTrue(seedMatters, "another seed picks other images");
        PromptBank three = PromptBanks.image(clip, toy, 3, 7);
        assertEquals(3, three.recipe().imagePaths().get(1).size());
        assertThrows(IllegalArgumentException.class, () -> PromptBanks.image(clip, toy, 4, 7));
    }

    @Test
    void mixIsTheNormalisedAverageOfTextAndImage() throws IOException {
        PromptBank text =
                PromptBanks.text(clip, "toy", ToyDataset.CLASSES, TemplateSet.named("pets"));
        PromptBank image = PromptBanks.image(clip, toy, 1, 0);
        PromptBank mix =
                PromptBanks.build(
                        clip,
                        PromptBanks.recipe(
                                clip, toy, PromptKind.MIX, TemplateSet.named("pets"), 0, 1),
                        toy);
        for (int c = 0; c < 3; c++) {
            float[] sum = new float[32];
            for (int d = 0; d < 32; d++) {
                sum[d] = text.row(c)[d] + image.row(c)[d];
            }
            assertArrayEquals(UnitVectors.of(sum), mix.row(c), 1e-5f);
        }
        assertArrayEquals(mix.row(1), PromptBanks.mix(text, image).row(1), 1e-6f);
        assertEquals(PromptKind.MIX, mix.kind());
    }

    @Test
    void cachedBanksAreRebuiltOnlyWhenTheRecipeChanges(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("toy-image.safetensors");
        TemplateSet pets = TemplateSet.named("pets");
        PromptBank first = PromptBanks.cached(file, clip, toy, PromptKind.IMAGE, pets, 1, 1);
        FileTime old = FileTime.fromMillis(1_000_000);
        Files.setLastModifiedTime(file, old);
        PromptBank second =
                PromptBanks.cached(
                        file, clip, toy, PromptKind.IMAGE, TemplateSet.named("cars"), 1, 1);
        assertEquals(
                old,
                Files.getLastModifiedTime(file),
                "templates do not matter for image prompts: kept");
        assertEquals(first.recipe(), second.recipe());
        PromptBanks.cached(file, clip, toy, PromptKind.IMAGE, pets, 1, 2);
        assertNotEquals(old, Files.getLastModifiedTime(file), "two images per class: rebuilt");

        Path textFile = dir.resolve("toy-text.safetensors");
        PromptBanks.cached(textFile, clip, toy, PromptKind.TEXT, pets, 1, 1);
        Files.setLastModifiedTime(textFile, old);
        PromptBanks.cached(textFile, clip, toy, PromptKind.TEXT, pets, 99, 1);
        assertEquals(
                old,
                Files.getLastModifiedTime(textFile),
                "the seed does not matter for text prompts: kept");
        PromptBank cars =
                PromptBanks.cached(
                        textFile, clip, toy, PromptKind.TEXT, TemplateSet.named("cars"), 99, 1);
        assertNotEquals(old, Files.getLastModifiedTime(textFile), "another template set: rebuilt");
        assertEquals("cars", cars.recipe().templateSet());
        assertFalse(PromptBanks.upToDate(dir.resolve("absent.safetensors"), cars.recipe()));
    }
}
