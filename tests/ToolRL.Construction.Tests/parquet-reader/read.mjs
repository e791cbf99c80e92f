// Independent reader for ToolRL's verl parquet export: reads the file with hyparquet (no Parquet.Net code)
// and prints a JSON summary the C# test compares with what it wrote.
// Usage: node read.mjs FILE.parquet
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'

const file = process.argv[2]
if (!file) {
  console.error('usage: node read.mjs FILE.parquet')
  process.exit(2)
}
const buffer = await asyncBufferFromFile(file)
const metadata = await parquetMetadataAsync(buffer)
const rows = await parquetReadObjects({ file: buffer })
// Top-level column names: schema elements directly under the root.
const columns = []
let i = 1
const skip = (index) => {
  const element = metadata.schema[index]
  let next = index + 1
  for (let c = 0; c < (element.num_children ?? 0); c++) next = skip(next)
  return next
}
while (i < metadata.schema.length) {
  columns.push(metadata.schema[i].name)
  i = skip(i)
}
const first = rows[0] ?? {}
// verl's OpenAIFunctionPropertySchema needs one type string on every parameter property (nested ones included).
const untyped = []
const checkProperties = (schema, path) => {
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if (typeof property?.type !== 'string') untyped.push(`${path}.${name}`)
    if (property?.items) checkProperties(property.items, `${path}.${name}[]`)
    checkProperties(property, `${path}.${name}`)
  }
}
for (const row of rows)
  for (const tool of JSON.parse(row.extra_info?.tools ?? '[]'))
    checkProperties(tool.function?.parameters, tool.function?.name)
const summary = {
  metadataRows: Number(metadata.num_rows),
  rows: rows.length,
  columns,
  splits: [...new Set(rows.map(r => r.extra_info?.split))],
  indexesContiguous: rows.every((r, n) => Number(r.extra_info?.index) === n),
  taskIds: rows.map(r => r.extra_info?.task_id),
  agentNames: [...new Set(rows.map(r => r.agent_name))],
  untypedProperties: [...new Set(untyped)],
  first: {
    data_source: first.data_source,
    ability: first.ability,
    prompt: (first.prompt ?? []).map(m => ({ role: m.role, content: m.content })),
    reward_model: first.reward_model,
    structure: first.extra_info?.structure,
    environment: first.extra_info?.environment,
    solve_rate: first.extra_info?.solve_rate,
    gold_answer: first.extra_info?.gold_answer,
    tools: JSON.parse(first.extra_info?.tools ?? '[]').map(t => t.function.name),
    unsolved_set: JSON.parse(first.extra_info?.unsolved_set ?? '{}'),
  },
}
console.log(JSON.stringify(summary))
