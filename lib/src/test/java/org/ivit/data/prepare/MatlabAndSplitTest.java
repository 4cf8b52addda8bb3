package org.ivit.data.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.ivit.data.LabeledImage;
import org.ivit.data.MiniatureDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;

/** MATLAB variables read with clear errors, and the per-class seeded splits. */
class MatlabAndSplitTest {
    @TempDir Path tmp;

    @Test
    void readsNumbersStringsAndStructFields() throws IOException {
        Path file = tmp.resolve("annos.mat");
        Files.write(file, MiniatureDatasets.cars().get("cars_test_annos_withlabels.mat"));
        try (MatlabFile mat = MatlabFile.open(file)) {
            assertArrayEquals(
                    new int[] {3, 2, 1, 1, 2, 3}, mat.structIntegers("annotations", "class"));
            assertEquals("00006.jpg", mat.structStrings("annotations", "fname").get(5));
        }
    }

    @Test
    void missingVariableOrWrongTypeNamesFileAndVariable() throws IOException {
        Path file = tmp.resolve("imagelabels.mat");
        Files.write(file, MiniatureDatasets.mat(Map.of("labels", Mat5.newString("not numbers"))));
        try (MatlabFile mat = MatlabFile.open(file)) {
            PrepareException missing =
                    assertThrows(PrepareException.class, () -> mat.integers("trnid"));
            assertTrue(
                    missing.getMessage().contains("imagelabels.mat")
                            && missing.getMessage().contains("'trnid' is missing"),
                    missing.getMessage());
            PrepareException wrong =
                    assertThrows(PrepareException.class, () -> mat.integers("labels"));
            assertTrue(
                    wrong.getMessage().contains("'labels' should be a real numeric array"),
                    wrong.getMessage());
            PrepareException notStruct =
                    assertThrows(
                            PrepareException.class, () -> mat.structStrings("labels", "fname"));
            assertTrue(
                    notStruct.getMessage().contains("should be a struct array"),
                    notStruct.getMessage());
        }
        Path annos = tmp.resolve("cars_train_annos.mat");
        Files.write(annos, MiniatureDatasets.cars().get("cars_test_annos_withlabels.mat"));
        try (MatlabFile mat = MatlabFile.open(annos)) {
            PrepareException noField =
                    assertThrows(
                            PrepareException.class,
                            () -> mat.structIntegers("annotations", "label"));
            assertTrue(noField.getMessage().contains("no field 'label'"), noField.getMessage());
        }
        Path garbage = tmp.resolve("setid.mat");
        Files.writeString(
                garbage,
                "not a mat file at all, just some text that is long enough to have a header "
                        .repeat(3));
        PrepareException unreadable =
                assertThrows(PrepareException.class, () -> MatlabFile.open(garbage));
        assertTrue(unreadable.getMessage().contains("setid.mat"), unreadable.getMessage());
    }

    @Test
    void fractionsFollowCoopRoundingAndAreDisjointAndSeeded() {
        List<LabeledImage> all = new ArrayList<>();
        int[] sizes = {10, 31, 7, 2};
        for (int c = 0; c < sizes.length; c++) {
            for (int i = 0; i < sizes[c]; i++) {
                all.add(new LabeledImage("c" + c + "/" + i + ".jpg", c));
            }
        }
        PerClassSplit.Parts a = PerClassSplit.byFractions(all, 0.5, 0.2, new Random(1));
        PerClassSplit.Parts b = PerClassSplit.byFractions(all, 0.5, 0.2, new Random(1));
        PerClassSplit.Parts c = PerClassSplit.byFractions(all, 0.5, 0.2, new Random(2));
        assertEquals(a, b);
        assertTrue(!a.equals(c));
        // Per class round-half-even: 10 → 5/2/3, 31 → 16/6/9, 7 → 4/1/2, 2 → 1/0/1.
        assertEquals(5 + 16 + 4 + 1, a.train().size());
        assertEquals(2 + 6 + 1 + 0, a.val().size());
        assertEquals(3 + 9 + 2 + 1, a.test().size());
        Set<String> seen = new HashSet<>();
        for (List<LabeledImage> part : List.of(a.train(), a.val(), a.test())) {
            part.forEach(i -> assertTrue(seen.add(i.path())));
        }
        assertEquals(all.size(), seen.size());

        PerClassSplit.TrainVal tv = PerClassSplit.carveValidation(all, 0.2, new Random(1));
        assertEquals(2 + 6 + 1 + 1, tv.val().size());
        PerClassSplit.Cut cut = PerClassSplit.takePerClass(all, 5, new Random(1));
        assertEquals(5 + 5 + 5 + 2, cut.taken().size());
        assertEquals(all.size(), cut.taken().size() + cut.rest().size());
    }

    @Test
    void limitPerClassCapsEachClass() {
        List<LabeledImage> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            all.add(new LabeledImage("x/" + i + ".png", i % 3));
        }
        SplitSettings settings = new SplitSettings("official", 1, 4);
        List<LabeledImage> limited = settings.limit(all, "train");
        assertEquals(12, limited.size());
        assertEquals(limited, settings.limit(all, "train"));
        assertEquals(all, new SplitSettings("official", 1, null).limit(all, "train"));
    }
}
