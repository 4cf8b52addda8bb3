package org.ivit.backbone;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.ivit.ServiceRegistry;
import org.ivit.io.TimmCheckpoint;
import org.ivit.model.VisionTransformer;
import org.ivit.model.VitConfig;
import org.ivit.model.cait.Cait;
import org.ivit.model.cait.CaitConfig;
import org.ivit.model.deit.Deit;
import org.ivit.model.deit.DeitConfig;
import org.ivit.model.efficientnet.EfficientNet;
import org.ivit.model.efficientnet.EfficientNetConfig;
import org.ivit.model.pit.Pit;
import org.ivit.model.pit.PitConfig;
import org.ivit.model.resnet.ResNet;
import org.ivit.model.resnet.ResNetConfig;

/**
 * Every backbone a run can train, in one place: the spec's {@code backbone} check, the model a run
 * builds, the Table 1 rows {@code reproduce} plans and the results tables fill, the checkpoints
 * {@code fetch-weights --table1} fetches and the help texts all read this registry. A new backbone
 * is its model class plus one line below, or a {@link BackboneProvider} on the class path.
 *
 * <p>The built-in order is Table 1's row order. The parameter counts are timm's (aa4b5850) at 1000
 * classes, from the vendored key manifests (reference/timm/keys/README.md).
 */
public final class Backbones {
    private static final List<Backbone> BUILT_IN = List.of(
            Backbone.of(TimmCheckpoint.VIT_B16, 86_567_656L, (classes, size) -> new VisionTransformer(vit("vit_base_patch16_224", classes, size))),
            Backbone.of(TimmCheckpoint.DEIT_B, 86_567_656L, (classes, size) -> new Deit(deit(classes, size))),
            Backbone.of(TimmCheckpoint.CAIT_S24, 46_916_200L, (classes, size) -> new Cait(cait(classes, size))),
            Backbone.of(TimmCheckpoint.PIT_B, 73_764_840L, (classes, size) -> new Pit(pit(classes, size))),
            Backbone.of(TimmCheckpoint.RESNET50, 25_557_032L, (classes, size) -> new ResNet(ResNetConfig.resnet50().withClasses(classes))),
            Backbone.of(TimmCheckpoint.RESNET101, 44_549_160L, (classes, size) -> new ResNet(ResNetConfig.resnet101().withClasses(classes))),
            Backbone.of(TimmCheckpoint.RESNET152, 60_192_808L, (classes, size) -> new ResNet(ResNetConfig.resnet152().withClasses(classes))),
            Backbone.of(TimmCheckpoint.EFFICIENTNET_B0, 5_288_548L, (classes, size) -> efficientNet("efficientnet_b0", classes)),
            Backbone.of(TimmCheckpoint.EFFICIENTNET_B1, 7_794_184L, (classes, size) -> efficientNet("efficientnet_b1", classes)),
            Backbone.of(TimmCheckpoint.EFFICIENTNET_B2, 9_109_994L, (classes, size) -> efficientNet("efficientnet_b2", classes)),
            Backbone.of(TimmCheckpoint.EFFICIENTNET_B3, 12_233_232L, (classes, size) -> efficientNet("efficientnet_b3", classes)),
            new Backbone("quick", (classes, size) -> new VisionTransformer(vit("quick", classes, size)), null, null, 0),
            new Backbone("tiny", (classes, size) -> new VisionTransformer(vit("tiny", classes, size)), null, null, 0));

    private static volatile ServiceRegistry<Backbone> registry;

    private Backbones() {}

    /** Every registered backbone: the built-in ones in Table 1's order, then those of {@link BackboneProvider}s. */
    public static List<Backbone> all() {
        return registry().all();
    }

    /** The backbone registered under {@code id}, if any. */
    public static Optional<Backbone> find(String id) {
        return registry().contains(id) ? Optional.of(registry().get(id)) : Optional.empty();
    }

    /** The backbone registered under {@code id}; the error lists every known id. */
    public static Backbone get(String id) {
        return registry().get(id);
    }

    public static List<String> ids() {
        return registry().ids();
    }

    /** The backbones that fill a row of the paper's Table 1, in its row order. */
    public static List<Backbone> table1() {
        return all().stream().filter(b -> b.paperRow() != null).toList();
    }

    private static ServiceRegistry<Backbone> registry() {
        ServiceRegistry<Backbone> r = registry;
        if (r == null) {
            synchronized (Backbones.class) {
                if (registry == null) {
                    List<ServiceRegistry.Registration<Backbone>> every = new ArrayList<>();
                    BUILT_IN.forEach(b -> every.add(new ServiceRegistry.Registration<>(b, Backbones.class.getName())));
                    for (BackboneProvider p : ServiceLoader.load(BackboneProvider.class, BackboneProvider.class.getClassLoader())) {
                        p.backbones().forEach(b -> every.add(new ServiceRegistry.Registration<>(b, p.getClass().getName())));
                    }
                    registry = index(every);
                }
                r = registry;
            }
        }
        return r;
    }

    /** By id, refusing a second registration of an id (which one would win is otherwise an accident of the class path). */
    static ServiceRegistry<Backbone> index(List<ServiceRegistry.Registration<Backbone>> backbones) {
        return new ServiceRegistry<>("backbone", Backbone::id, backbones);
    }

    private static VitConfig vit(String preset, int classes, int size) {
        return VitConfig.preset(preset).withClasses(classes).withImageSize(size);
    }

    private static DeitConfig deit(int classes, int size) {
        DeitConfig d = DeitConfig.deitBasePatch16_224();
        return new DeitConfig(size, d.patchSize(), d.inChans(), d.embedDim(), d.depth(), d.numHeads(), d.mlpRatio(), classes,
                d.distilled(), d.eps());
    }

    private static CaitConfig cait(int classes, int size) {
        CaitConfig c = CaitConfig.caitS24_224();
        return new CaitConfig(size, c.patchSize(), c.inChans(), c.embedDim(), c.depth(), c.numHeads(), c.mlpRatio(), c.initValues(),
                c.depthTokenOnly(), c.mlpRatioTokenOnly(), classes, c.eps());
    }

    private static PitConfig pit(int classes, int size) {
        PitConfig p = PitConfig.pitB224();
        return new PitConfig(size, p.patchSize(), p.stride(), p.inChans(), p.baseDims(), p.depth(), p.heads(), p.mlpRatio(), classes,
                p.eps());
    }

    private static EfficientNet efficientNet(String name, int classes) {
        return new EfficientNet(EfficientNetConfig.preset(name).withClasses(classes));
    }
}
