package org.ivit.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.ivit.ServiceRegistry;
import org.ivit.model.ModelFamilies;
import org.ivit.model.ModelVariant;

/**
 * Every backbone a run can train, by id: the spec's {@code backbone} check, the model a run builds,
 * the Table 1 rows {@code reproduce} plans and the results tables fill, the checkpoints {@code
 * fetch-weights --table1} fetches and the help texts all read this registry. The built-in ones are
 * the variants the model families declare ({@link ModelFamilies}, one file per family next to its
 * model class); a {@link BackboneProvider} on the class path adds more.
 *
 * <p>The built-in order is Table 1's row order, then the quick profile's ViTs. The parameter counts
 * are timm's (aa4b5850) at 1000 classes, from the vendored key manifests
 * (reference/timm/keys/README.md).
 */
public final class Backbones {
    private static volatile ServiceRegistry<ModelVariant> registry;

    private Backbones() {}

    /**
     * Every registered backbone: the built-in ones in Table 1's order, then those of {@link
     * BackboneProvider}s.
     */
    public static List<ModelVariant> all() {
        return registry().all();
    }

    /** The backbone registered under {@code id}, if any. */
    public static Optional<ModelVariant> find(String id) {
        return registry().contains(id) ? Optional.of(registry().get(id)) : Optional.empty();
    }

    /** The backbone registered under {@code id}; the error lists every known id. */
    public static ModelVariant get(String id) {
        return registry().get(id);
    }

    public static List<String> ids() {
        return registry().ids();
    }

    /** The backbones that fill a row of the paper's Table 1, in its row order. */
    public static List<ModelVariant> table1() {
        return all().stream().filter(b -> b.paperRow() != null).toList();
    }

    private static ServiceRegistry<ModelVariant> registry() {
        ServiceRegistry<ModelVariant> r = registry;
        if (r == null) {
            synchronized (Backbones.class) {
                if (registry == null) {
                    List<ServiceRegistry.Registration<ModelVariant>> every = new ArrayList<>();
                    ModelFamilies.variants()
                            .forEach(
                                    b ->
                                            every.add(
                                                    new ServiceRegistry.Registration<>(
                                                            b, Backbones.class.getName())));
                    for (BackboneProvider p :
                            ServiceLoader.load(
                                    BackboneProvider.class,
                                    BackboneProvider.class.getClassLoader())) {
                        p.backbones()
                                .forEach(
                                        b ->
                                                every.add(
                                                        new ServiceRegistry.Registration<>(
                                                                b, p.getClass().getName())));
                    }
                    registry = index(every);
                }
                r = registry;
            }
        }
        return r;
    }

    /**
     * By id, refusing a second registration of an id (which one would win is otherwise an accident
     * of the class path).
     */
    static ServiceRegistry<ModelVariant> index(
            List<ServiceRegistry.Registration<ModelVariant>> backbones) {
        return new ServiceRegistry<>("backbone", ModelVariant::id, backbones);
    }
}
