import { createContext, useContext } from 'react';
import { glyphsFor, type Display, type Glyphs } from '../glyphs.js';

export interface DisplayValue {
  display: Display;
  glyphs: Glyphs;
}

export function displayValue(display: Display): DisplayValue {
  return { display, glyphs: glyphsFor(display) };
}

// The safest rendering until a provider says more: plain ASCII, no colour.
export const DisplayContext = createContext<DisplayValue>(displayValue({ unicode: false, color: false }));

export function useDisplay(): DisplayValue {
  return useContext(DisplayContext);
}
