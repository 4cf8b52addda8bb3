package org.ivit.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Adding a spec key is one declaration: a record component with its {@link Key}. A test-only spec
 * declares one new key beside a group and an id-typed key, and sees it in what {@code --set}
 * parses, what {@code --help} lists, the JSON written, the range check and its error message:
 * {@link SpecSchema} derives all of it for {@link ExperimentConfig} the same way.
 */
class OneDeclarationPerKeyTest {
    /** A group of keys, as ExperimentConfig's Schedule. */
    record Budget(
            @Key(help = "epochs of the toy run", range = "[1, 100]") int epochs,
            @Key(help = "the learning rate", range = "> 0") double lr) {}

    /** The new key is {@code warmRestarts}: this one line is all that declares it. */
    record ToySpec(
            @Key(help = "the source the toy run follows") Recipe recipe,
            Budget budget,
            @Key(
                            help = "warm restarts of the cosine schedule",
                            range = "[0, 8]",
                            defaultValue = "1")
                    int warmRestarts) {}

    private final SpecSchema<ToySpec> schema = SpecSchema.of(ToySpec.class);

    @Test
    void theNewKeyIsParsedAsSetTakesIt() {
        assertEquals(3, schema.parse("--set", "warmRestarts", "3"));
        assertEquals(java.util.List.of("recipe", "epochs", "lr", "warmRestarts"), schema.names());
        Map<String, Object> values = new HashMap<>();
        values.put("recipe", schema.parse("--set", "recipe", "authors"));
        values.put("epochs", schema.parse("--set", "epochs", "20"));
        values.put("lr", schema.parse("--set", "lr", "1e-4"));
        values.put("warmRestarts", schema.parse("--set", "warmRestarts", "2"));
        ToySpec spec = schema.build(values);
        assertEquals(new ToySpec(Recipe.AUTHORS, new Budget(20, 1e-4), 2), spec);
        assertEquals(2, schema.value(spec, "warmRestarts"));
    }

    @Test
    void theNewKeyIsListedByHelpWithWhatItTakesAndItsDefault() {
        assertTrue(
                schema.help()
                        .contains(
                                "warmRestarts (a whole number in [0, 8], default 1): warm restarts of the cosine schedule"),
                String.join("\n", schema.help()));
        assertTrue(
                schema.help().contains("recipe (paper or authors): the source the toy run follows"),
                String.join("\n", schema.help()));
        assertEquals(1, schema.find("warmRestarts").defaultValue());
    }

    @Test
    void theNewKeyIsWrittenToJson() {
        ToySpec spec = new ToySpec(Recipe.PAPER, new Budget(5, 0.5), 4);
        assertEquals(
                "{\"recipe\":\"paper\",\"epochs\":5,\"lr\":0.5,\"warmRestarts\":4}",
                schema.toJson(spec).toString());
    }

    @Test
    void theNewKeysRangeIsCheckedAndTheErrorNamesTheSourceTheKeyAndWhatItTakes() {
        SpecException e =
                assertThrows(SpecException.class, () -> schema.parse("--set", "warmRestarts", "9"));
        assertEquals(
                "--set: warmRestarts = '9': must be in [0, 8] (takes a whole number in [0, 8])",
                e.getMessage());
        SpecException fraction =
                assertThrows(
                        SpecException.class,
                        () -> schema.parse("runs/x/config.json", "warmRestarts", "1.5"));
        assertTrue(
                fraction.getMessage()
                        .startsWith(
                                "runs/x/config.json: warmRestarts = '1.5': is not a whole number"),
                fraction.getMessage());
        SpecException unknown =
                assertThrows(SpecException.class, () -> schema.parse("--set", "warmRestart", "1"));
        assertTrue(
                unknown.getMessage()
                        .contains("is not a config key; keys: recipe, epochs, lr, warmRestarts"),
                unknown.getMessage());
        SpecException open =
                assertThrows(SpecException.class, () -> schema.parse("--set", "lr", "0"));
        assertTrue(open.getMessage().contains("must be > 0"), open.getMessage());
    }

    @Test
    void everyKeyOfTheExperimentSpecIsDeclaredOnceAndHelped() {
        assertEquals(
                ExperimentConfig.KEYS.size(),
                new java.util.HashSet<>(ExperimentConfig.KEYS).size());
        assertEquals(ExperimentConfig.KEYS.size(), ExperimentConfig.keyHelp().size());
        for (String line : ExperimentConfig.keyHelp()) {
            assertTrue(line.matches("\\w+ \\(.+\\): .+"), line);
        }
    }
}
