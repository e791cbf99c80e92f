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
const summary = {
  metadataRows: Number(metadata.num_rows),
  rows: rows.length,
  columns,
  splits: [...new Set(rows.map(r => r.extra_info?.split))],
  indexesContiguous: rows.every((r, n) => Number(r.extra_info?.index) === n),
  taskIds: rows.map(r => r.extra_info?.task_id),
  first: {
    data_source: first.data_source,
    ability: first.ability,
    prompt: (first.prompt ?? []).map(m => ({ role: m.role, content: m.content })),
    reward_model: first.reward_model,
    structure: first.extra_info?.structure,
    tools: JSON.parse(first.extra_info?.tools ?? '[]').map(t => t.function.name),
    unsolved_set: JSON.parse(first.extra_info?.unsolved_set ?? '{}'),
  },
}
console.log(JSON.stringify(summary))
