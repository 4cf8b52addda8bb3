package org.ivit.model;

import ai.djl.Model;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ivit.model.cait.Cait;
import org.ivit.model.cait.CaitConfig;
import org.ivit.model.conv.TimmCnns;
import org.ivit.model.deit.Deit;
import org.ivit.model.deit.DeitConfig;
import org.ivit.model.pit.Pit;
import org.ivit.model.pit.PitConfig;

/**
 * Every timm family of Table 1 built from a reference-style description: an {@code architecture}
 * name and timm's constructor arguments ({@code args}), as the JSON files beside the timm reference
 * vectors give them. The one place that maps an architecture name to its model class.
 */
public final class TimmModels {
    /** The architecture names this factory builds. */
    public static final List<String> ARCHITECTURES = List.of("deit", "deit-distilled", "cait", "pit", "resnet", "efficientnet");

    private TimmModels() {}

    /** A new DJL Model holding the family's network, initialised from the engine's RNG seeded with {@code seed}. */
    public static Model create(String architecture, JsonObject args, int seed) {
        return switch (architecture) {
            case "deit" -> Deit.create(DeitConfig.fromTimmArgs(args, false), seed);
            case "deit-distilled" -> Deit.create(DeitConfig.fromTimmArgs(args, true), seed);
            case "cait" -> Cait.create(CaitConfig.fromTimmArgs(args), seed);
            case "pit" -> Pit.create(PitConfig.fromTimmArgs(args), seed);
            case "resnet", "efficientnet" -> TimmCnns.create(TimmCnns.build(architecture, args), seed,
                    args.has("in_chans") ? args.get("in_chans").getAsInt() : 3);
            default -> throw new IllegalArgumentException("unknown timm architecture '" + architecture + "'; known: "
                    + String.join(", ", ARCHITECTURES));
        };
    }

    /** {@link #create} from a JSON file with {@code architecture} and {@code args}; errors name the file. */
    public static Model fromJson(Path file, int seed) throws IOException {
        JsonObject o;
        try {
            o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
        }
        if (!o.has("architecture") || !o.has("args") || !o.get("args").isJsonObject()) {
            throw new IOException(file + " needs 'architecture' (one of " + String.join(", ", ARCHITECTURES)
                    + ") and an 'args' object of timm constructor arguments");
        }
        try {
            return create(o.get("architecture").getAsString(), o.getAsJsonObject("args"), seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
