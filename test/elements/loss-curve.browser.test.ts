import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, mount, part, vertices } from './helpers.js';

afterEach(cleanup);

describe('<loss-curve>', () => {
  it('draws train and validation from plain arrays', async () => {
    const el = await mount('loss-curve', { train: [1, 0.8, 0.6, 0.5], validation: [1.1, 0.9, 0.8, 0.85] });
    expect(vertices(part(el, 'train-line')!.getAttribute('d'))).toHaveLength(4);
    expect(vertices(part(el, 'validation-line')!.getAttribute('d'))).toHaveLength(4);
  });
});
