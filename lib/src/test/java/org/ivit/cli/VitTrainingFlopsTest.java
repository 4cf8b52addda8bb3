package org.ivit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ivit.model.VitFamily;
import org.junit.jupiter.api.Test;

/** The FLOP count behind bench train's share of the SGEMM peak. */
class VitTrainingFlopsTest {
    @Test
    void vitB16ForwardIsTimmsPublished17Point6GigaMultiplyAdds() {
        // timm's model card of vit_base_patch16_224 gives 17.6 GMACs per 224x224 image (fvcore
        // count)
        double macs =
                new VitTrainingFlops(VitFamily.VIT_BASE_PATCH16_224_CONFIG).forwardPerImage() / 2;
        assertEquals(17.6e9, macs, 0.1e9);
    }

    @Test
    void tinyCountedByHandWithItsClassToken() {
        // 64 patches + 1 class token, width 192, MLP 768, 4 layers, 10 classes, in multiply-adds:
        // patch embedding 64*48*192, per layer 65*(4*192^2 + 2*192*768) + 2*65^2*192, head 192*10
        double macs =
                64 * 48 * 192
                        + 4 * (65 * (4.0 * 192 * 192 + 2 * 192 * 768) + 2.0 * 65 * 65 * 192)
                        + 192 * 10;
        VitTrainingFlops tiny = new VitTrainingFlops(VitFamily.TINY_CONFIG);
        assertEquals(2 * macs, tiny.forwardPerImage(), 1);
        assertEquals(6 * macs, tiny.trainingPerImage(), 1);
    }
}
