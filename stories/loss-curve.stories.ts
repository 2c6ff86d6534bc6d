import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/index.js';
import efficientnet from './data/keras-efficientnet_from_scratch.json';

const meta: Meta = { title: 'loss-curve/Basics', component: 'loss-curve' };
export default meta;

export const KerasHistory: StoryObj = {
  render: () => html`<loss-curve .history=${efficientnet} label="EfficientNet from scratch"></loss-curve>`,
};
