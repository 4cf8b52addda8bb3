/**
 * The backbone registry: each image backbone a run can train (Table 1's ViT-B/16 and ten baselines,
 * the quick profile's tiny ViTs) with its model, weights, input preprocessing and Table 1 row.
 */
package org.ivit.backbone;
