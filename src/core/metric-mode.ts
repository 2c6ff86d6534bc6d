import { asText } from './format.js';

/** Whether a metric improves downwards (loss, error) or upwards (accuracy, AUC). */
export type Mode = 'min' | 'max';

const LOWER_IS_BETTER = /loss|err|mse|mae|mape|perplexity|elbo|nll|entropy|divergence/;
// Keras's EarlyStopping(mode='auto') uses max for names with "acc" or "auc"; this adds the other higher-is-better
// metrics Keras and torchmetrics log. Keras names MeanIoU "mean_io_u".
// Image and text quality scores (PSNR, SSIM, BLEU, ROUGE, METEOR) are higher-is-better too.
const HIGHER_IS_BETTER = /acc|auc|auroc|precision|recall|f1|fbeta|io_?u|dice|(^|_)m?ap($|_|@)|r2|top_?\d+|psnr|peak_signal_noise_ratio|ssim|bleu|rouge|meteor/;

/**
 * Resolves a mode: `"min"` and `"max"` pass through; `"auto"` (or anything else) is max for metric names like
 * acc/accuracy/auc/precision/recall/f1/iou/map and quality scores (psnr, ssim, bleu, rouge), min otherwise.
 */
export function resolveMode(mode: unknown, metric: unknown = 'loss'): Mode {
  if (mode === 'min' || mode === 'max') return mode;
  const name = asText(metric, 'loss').toLowerCase().replace(/^val_/, '');
  if (LOWER_IS_BETTER.test(name)) return 'min';
  return HIGHER_IS_BETTER.test(name) ? 'max' : 'min';
}
