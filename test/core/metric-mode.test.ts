import { describe, expect, it } from 'vitest';
import { resolveMode } from '../../src/core/metric-mode.js';

describe('resolveMode', () => {
  it.each([
    'loss',
    'val_loss',
    'mse',
    'val_mse',
    'mae',
    'mean_squared_error',
    'mean_absolute_percentage_error',
    'categorical_crossentropy',
    'train_elbo_loss',
    'perplexity',
    'kl_divergence',
    'nll',
  ])("resolveMode('auto', %j) is min", (metric) => {
    expect(resolveMode('auto', metric)).toBe('min');
  });

  it.each([
    'accuracy',
    'val_accuracy',
    'acc',
    'sparse_categorical_accuracy',
    'val_sparse_categorical_accuracy',
    'top_k_categorical_accuracy',
    'auc',
    'val_auc',
    'precision',
    'val_precision',
    'recall',
    'f1',
    'f1_score',
    'fbeta_score',
    'iou',
    'val_iou',
    'mean_io_u',
    'val_one_hot_mean_io_u',
    'dice',
    'map',
    'map_50',
    'r2_score',
    'top5',
  ])("resolveMode('auto', %j) is max", (metric) => {
    expect(resolveMode('auto', metric)).toBe('max');
  });

  it('resolveMode(mode, metric) lowercases the metric name', () => {
    expect(resolveMode('auto', 'Val_Accuracy')).toBe('max');
    expect(resolveMode('auto', 'AUC')).toBe('max');
    expect(resolveMode('auto', 'MSE')).toBe('min');
  });

  it("resolveMode('auto', psnr | peak_signal_noise_ratio | ssim | bleu | rouge1 | meteor) is max: quality scores", () => {
    for (const m of ['psnr', 'val_peak_signal_noise_ratio', 'ssim', 'bleu', 'rouge1', 'meteor']) expect(resolveMode('auto', m), m).toBe('max');
  });

  it("resolveMode('auto', 'dice_loss') is min: a loss wins over a higher-is-better word", () => {
    expect(resolveMode('auto', 'dice_loss')).toBe('min');
    expect(resolveMode('auto', 'accuracy_error')).toBe('min');
  });

  it("resolveMode('min' | 'max', metric) passes an explicit mode through", () => {
    expect(resolveMode('max', 'loss')).toBe('max');
    expect(resolveMode('min', 'accuracy')).toBe('min');
  });

  it('resolveMode(null | undefined | other, metric) behaves as auto', () => {
    expect(resolveMode(null, 'accuracy')).toBe('max');
    expect(resolveMode(undefined, 'accuracy')).toBe('max');
    expect(resolveMode('MAX', 'loss')).toBe('min');
    expect(resolveMode('auto')).toBe('min'); // metric defaults to loss
  });

  it("resolveMode('auto', unknown name) is min", () => {
    expect(resolveMode('auto', 'lr')).toBe('min');
    expect(resolveMode('auto', '')).toBe('min');
  });
});
