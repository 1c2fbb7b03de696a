/** Messages of the presentation slides (`src/lib/slides/slides.ts`). */
export const slidesId = {
  'slides.notList': '{file}: bagian "slides" harus berupa daftar slide',
  'slides.bad': '{file}: slide ke-{number} tidak sah (bagian "{field}")',
} as const;

export const slidesEn: Record<keyof typeof slidesId, string> = {
  'slides.notList': '{file}: the "slides" part must be a list of slides',
  'slides.bad': '{file}: slide {number} is not valid (the "{field}" part)',
};
