import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { SchemaForm, fieldKind, initialValues, toArguments, type ObjectSchema } from './SchemaForm';

const schema: ObjectSchema = {
  properties: {
    message: { type: 'string', description: 'Text to echo' },
    count: { type: 'integer', default: 2 },
    ratio: { type: 'number' },
    loud: { type: 'boolean' },
    mood: { type: 'string', enum: ['calm', 'angry'] },
    tags: { type: 'array' },
  },
  required: ['message'],
};

function Harness(props: { onValues: (v: Record<string, string | boolean>) => void }) {
  const [values, setValues] = useState(initialValues(schema));
  props.onValues(values);
  return <SchemaForm schema={schema} values={values} onChange={setValues} />;
}

test('each property gets a field of its kind, labelled by its name', async () => {
  let values: Record<string, string | boolean> = {};
  render(<Harness onValues={(v) => (values = v)} />);
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'message' }), 'hello');
  expect(screen.getByRole('spinbutton', { name: 'count' })).toHaveValue(2);
  await user.type(screen.getByRole('spinbutton', { name: 'ratio' }), '0.5');
  await user.click(screen.getByRole('checkbox', { name: 'loud' }));
  await user.selectOptions(screen.getByRole('combobox', { name: 'mood' }), 'angry');
  await user.type(screen.getByRole('textbox', { name: 'tags' }), '[["a"]');
  expect(screen.getByRole('textbox', { name: 'message' })).toHaveAccessibleDescription(
    'Text to echo',
  );
  expect(toArguments(schema, values)).toEqual({
    message: 'hello',
    count: 2,
    ratio: 0.5,
    loud: true,
    mood: 'angry',
    tags: ['a'],
  });
});

test('arguments are checked against the schema', () => {
  const base = initialValues(schema);
  expect(() => toArguments(schema, { ...base, message: '' })).toThrow('message is required');
  expect(() => toArguments(schema, { ...base, message: 'x', count: '1.5' })).toThrow(
    'count must be an integer',
  );
  expect(() => toArguments(schema, { ...base, message: 'x', tags: '[' })).toThrow(
    'tags must be JSON',
  );
  expect(toArguments(schema, { ...base, message: 'x', mood: '' })).toEqual({
    message: 'x',
    count: 2,
    loud: false,
  });
});

test('field kinds follow the schema types', () => {
  expect(fieldKind({ type: ['string', 'null'] })).toBe('string');
  expect(fieldKind({ type: 'object' })).toBe('json');
  expect(fieldKind({})).toBe('json');
  expect(fieldKind({ enum: ['a', 'b'] })).toBe('enum');
});
