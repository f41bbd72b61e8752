/**
 * Where a stage posts as a plain HTML form, so that it works without JavaScript (a phone in a
 * live room). The route handler at `action` validates what arrives; the stage only names fields.
 */
export interface StageForm {
  readonly action: string;
}
