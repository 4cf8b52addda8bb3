/**
 * The backbone registry: each image backbone a run can train (Table 1's ViT-B/16 and ten baselines,
 * the quick profile's tiny ViTs), found by id. The variants themselves, with their model, weights,
 * input preprocessing and Table 1 row, are declared by their model families ({@code
 * org.ivit.model.ModelFamilies}).
 */
package org.ivit.backbone;
