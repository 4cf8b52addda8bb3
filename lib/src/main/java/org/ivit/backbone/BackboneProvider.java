package org.ivit.backbone;

import java.util.List;
import org.ivit.model.ModelVariant;

/**
 * More backbones, registered from outside this library: an implementation named in {@code
 * META-INF/services/org.ivit.backbone.BackboneProvider} is found by {@link java.util.ServiceLoader}
 * and its backbones join {@link Backbones} after the built-in ones.
 */
public interface BackboneProvider {
    List<ModelVariant> backbones();
}
