import { ReactNode } from 'react';
import reference from 'virtual:vt-reference';
import { ProblemField } from '../api/problem';
import { findGemeente } from '../reference';
import { intakeFieldMessage } from './intake-messages';
import { HouseholdDraft, ISLAND_LABELS } from './melding-form.model';

/** The intake forms' building blocks: a field with its hint and the API's errors (`aria-invalid`, `aria-describedby`), checkbox groups, the household. */

/** DOM id of the control for an API path (`persons[0].bsn` → `f-persons-0-bsn`). */
export const fieldId = (path: string) => `f-${path.replace(/[[\].]+/g, '-').replace(/-$/, '')}`;

export type ControlProps = { id: string; name: string; 'aria-invalid'?: true; 'aria-describedby'?: string; required?: boolean };

export function Field({ path, label, errors, hint, required, checkbox, children }: { path: string; label: string; errors: ProblemField[]; hint?: ReactNode; required?: boolean; checkbox?: boolean; children: (props: ControlProps) => ReactNode }) {
  const id = fieldId(path);
  const described = [hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  const control = children({ id, name: path, ...(errors.length ? { 'aria-invalid': true as const } : {}), ...(described ? { 'aria-describedby': described } : {}), ...(required ? { required: true } : {}) });
  return (
    <div className={`field${checkbox ? ' checkbox' : ''}${errors.length ? ' invalid' : ''}`}>
      {checkbox && control}
      <label htmlFor={id}>{label}{required ? <span aria-hidden="true"> *</span> : null}</label>
      {!checkbox && control}
      {hint && <div id={`${id}-hint`} className="hint">{hint}</div>}
      {errors.length > 0 && <div id={`${id}-error`} className="field-error">{errors.map(intakeFieldMessage).join(' ')}</div>}
    </div>
  );
}

export function FieldErrors({ path, errors }: { path: string; errors: ProblemField[] }) {
  return errors.length > 0 ? <div id={`${fieldId(path)}-error`} className="field-error">{errors.map(intakeFieldMessage).join(' ')}</div> : null;
}

export function CheckboxGroup({ path, legend, options, values, errors, onChange }: { path: string; legend: string; options: { code: string; label: string }[]; values: string[]; errors: ProblemField[]; onChange: (values: string[]) => void }) {
  const id = fieldId(path);
  return (
    <fieldset className={`group${errors.length ? ' invalid' : ''}`} aria-describedby={errors.length ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {errors.length > 0 && <div id={`${id}-error`} className="field-error">{errors.map(intakeFieldMessage).join(' ')}</div>}
      {options.map((option, i) => (
        <label key={option.code} className="choice">
          <input type="checkbox" id={i === 0 ? id : `${id}-${option.code}`} name={path} value={option.code} checked={values.includes(option.code)} aria-invalid={errors.length ? true : undefined}
            onChange={(e) => onChange(e.target.checked ? [...values, option.code] : values.filter((v) => v !== option.code))} />{' '}
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** A select over code list entries; `placeholder` adds an empty first option (the field is then optional when it starts with "(geen"). */
export function SelectField({ path, label, value, options, errors, onChange, placeholder, hint }: { path: string; label: string; value: string; options: { code: string; label: string }[]; errors: ProblemField[]; onChange: (v: string) => void; placeholder?: string; hint?: ReactNode }) {
  return (
    <Field path={path} label={label} errors={errors} hint={hint} required={!placeholder?.startsWith('(geen')}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
        </select>
      )}
    </Field>
  );
}

/** The paths of the household fields as shown: the island, else the gemeente, postcode and house number. */
export function householdPaths(household: HouseholdDraft): string[] {
  return ['household', 'household.island', ...(household.island ? [] : ['household.gemeenteCode', 'household.postcode', 'household.houseNumber'])];
}

const ISLAND_OPTIONS = (Object.entries(ISLAND_LABELS) as [HouseholdDraft['island'], string][]).map(([code, label]) => ({ code, label }));

/**
 * Where the household lives: first the choice between a gemeente in Europees Nederland and an island of Caribisch
 * Nederland (type-ahead: "B" for Bonaire), then the gemeente with its VT region, postcode and house number, which an
 * island does not have (DOMAIN.md "Regions": no gemeentecode, no postcodes; its own island desk and calendar).
 */
export function HouseholdFields({ household, errorsAt, onChange, gemeenteRequired }: { household: HouseholdDraft; errorsAt: (path: string) => ProblemField[]; onChange: (h: HouseholdDraft) => void; gemeenteRequired: boolean }) {
  const gemeente = findGemeente(reference.gemeenten, household.gemeente);
  const regionName = (code: string) => reference.regions.find((r) => r.code === code)?.name ?? code;
  const set = (change: Partial<HouseholdDraft>) => onChange({ ...household, ...change });
  const text = (path: string, label: string, value: string, change: (v: string) => Partial<HouseholdDraft>, extra: { hint?: ReactNode; required?: boolean; list?: string } = {}) => (
    <Field path={path} label={label} errors={errorsAt(path)} hint={extra.hint} required={extra.required}>
      {(props) => <input {...props} type="text" autoComplete="off" list={extra.list} value={value} onChange={(e) => set(change(e.target.value))} />}
    </Field>
  );
  return (
    <>
      <FieldErrors path="household" errors={errorsAt('household')} />
      <SelectField path="household.island" label="Eiland (Caribisch Nederland)" value={household.island} options={ISLAND_OPTIONS} errors={errorsAt('household.island')}
        placeholder="(geen: gemeente in Europees Nederland)" onChange={(v) => set({ island: v as HouseholdDraft['island'] })}
        hint={household.island ? `${regionName(`vt-bq-${household.island}`)}: geen gemeente of postcode; termijnen in de kalender en tijdzone van het eiland (UTC−4).` : undefined} />
      {!household.island && (
        <>
          {text('household.gemeenteCode', 'Gemeente', household.gemeente, (v) => ({ gemeente: v }), {
            list: 'gemeenten',
            required: gemeenteRequired,
            hint: gemeente ? `${gemeente.name} (${gemeente.code}) · ${regionName(gemeente.vtRegion)}` : 'Typ de naam of de CBS-code (GM0363); de lijst vult aan.',
          })}
          <datalist id="gemeenten">
            {reference.gemeenten.map((g) => <option key={g.code} value={g.name}>{g.code}</option>)}
          </datalist>
          {text('household.postcode', 'Postcode', household.postcode, (v) => ({ postcode: v }))}
          {text('household.houseNumber', 'Huisnummer', household.houseNumber, (v) => ({ houseNumber: v }))}
        </>
      )}
    </>
  );
}
