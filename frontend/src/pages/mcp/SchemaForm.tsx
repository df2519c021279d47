// A form for a tool's JSON-schema input: our own small renderer for string, number, integer,
// boolean and enum properties, and a JSON textarea for anything else (objects, arrays, unions).
// Form libraries that read JSON schema are larger than the whole rest of the UI.
import { useId } from 'react';

export interface PropertySchema {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  default?: unknown;
}

export interface ObjectSchema {
  properties?: Record<string, PropertySchema>;
  required?: string[];
}

export type FieldKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'json';

export function fieldKind(schema: PropertySchema): FieldKind {
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) return 'enum';
  const type = Array.isArray(schema.type)
    ? schema.type.filter((t) => t !== 'null')
    : schema.type
      ? [schema.type]
      : [];
  if (type.length === 1 && ['string', 'number', 'integer', 'boolean'].includes(type[0])) {
    return type[0] as FieldKind;
  }
  return 'json';
}

/** The form's starting values: each property's default, as the field shows it. */
export function initialValues(schema: ObjectSchema): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const kind = fieldKind(property);
    if (kind === 'boolean') values[name] = property.default === true;
    else if (kind === 'json')
      values[name] =
        property.default === undefined ? '' : JSON.stringify(property.default, null, 2);
    else if (kind === 'enum') values[name] = String(property.default ?? property.enum?.[0] ?? '');
    else values[name] = property.default === undefined ? '' : String(property.default);
  }
  return values;
}

/**
 * The tool arguments from the form's values: numbers parsed, JSON fields decoded, empty optional
 * fields left out. Throws an Error naming the field when a value does not fit its schema.
 */
export function toArguments(
  schema: ObjectSchema,
  values: Record<string, string | boolean>,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const kind = fieldKind(property);
    const value = values[name];
    if (kind === 'boolean') {
      args[name] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value : '';
    if (text.trim() === '') {
      if (required.has(name)) throw new Error(`${name} is required`);
      continue;
    }
    if (kind === 'number' || kind === 'integer') {
      const number = Number(text);
      if (!Number.isFinite(number) || (kind === 'integer' && !Number.isInteger(number))) {
        throw new Error(`${name} must be ${kind === 'integer' ? 'an integer' : 'a number'}`);
      }
      args[name] = number;
    } else if (kind === 'json') {
      try {
        args[name] = JSON.parse(text);
      } catch {
        throw new Error(`${name} must be JSON`);
      }
    } else {
      args[name] = text;
    }
  }
  return args;
}

export function SchemaForm(props: {
  schema: ObjectSchema;
  values: Record<string, string | boolean>;
  onChange: (values: Record<string, string | boolean>) => void;
}) {
  const prefix = useId();
  const required = new Set(props.schema.required ?? []);
  const set = (name: string, value: string | boolean) =>
    props.onChange({ ...props.values, [name]: value });
  const entries = Object.entries(props.schema.properties ?? {});
  if (entries.length === 0) return <p>This tool takes no arguments.</p>;
  return (
    <div className="form">
      {entries.map(([name, property]) => {
        const id = `${prefix}-${name}`;
        const kind = fieldKind(property);
        const value = props.values[name];
        const hint = property.description ? (
          <small id={`${id}-hint`} className="hint">
            {property.description}
          </small>
        ) : null;
        const describedBy = property.description ? `${id}-hint` : undefined;
        if (kind === 'boolean') {
          return (
            <div key={name} className="field-row">
              <span />
              <label className="inline" htmlFor={id}>
                <input
                  id={id}
                  type="checkbox"
                  aria-describedby={describedBy}
                  checked={value === true}
                  onChange={(e) => set(name, e.target.checked)}
                />
                {name}
              </label>
              {hint}
            </div>
          );
        }
        let control;
        if (kind === 'enum') {
          control = (
            <select
              id={id}
              aria-describedby={describedBy}
              value={String(value ?? '')}
              onChange={(e) => set(name, e.target.value)}
            >
              {!required.has(name) && <option value="">(none)</option>}
              {(property.enum as string[]).map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          );
        } else if (kind === 'json') {
          control = (
            <textarea
              id={id}
              className="code"
              rows={3}
              aria-describedby={describedBy}
              placeholder="JSON"
              value={String(value ?? '')}
              onChange={(e) => set(name, e.target.value)}
            />
          );
        } else {
          control = (
            <input
              id={id}
              type={kind === 'string' ? 'text' : 'number'}
              step={kind === 'integer' ? 1 : 'any'}
              required={required.has(name)}
              aria-describedby={describedBy}
              value={String(value ?? '')}
              onChange={(e) => set(name, e.target.value)}
            />
          );
        }
        return (
          <div key={name} className="field-row">
            <label htmlFor={id}>{name}</label>
            {control}
            {hint}
          </div>
        );
      })}
    </div>
  );
}
