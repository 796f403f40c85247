/**
 * `npm run size`: sizes of the production weapp build — the main package and each subpackage —
 * against a 500 KB budget each (WeChat's hard limit is 2 MB; the budget keeps us far from it).
 * Exits 1 when any package is over budget or the build is missing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

const budgetKB = 500
const buildDir = path.resolve(process.argv[2] ?? 'dist/weapp')

interface AppJson {
  subPackages?: { root: string }[]
  subpackages?: { root: string }[]
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

function main(): number {
  const appJsonPath = path.join(buildDir, 'app.json')
  if (!existsSync(appJsonPath)) {
    console.error(`没有找到 ${path.relative(process.cwd(), appJsonPath)}：请先运行 npm run build:weapp`)
    return 1
  }
  const app = JSON.parse(readFileSync(appJsonPath, 'utf8')) as AppJson
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
  const bytes = new Map<string, number>([['main', 0], ...roots.map((r): [string, number] => [r, 0])])

  for (const file of filesUnder(buildDir)) {
    // Source maps are never uploaded; project.config.json is DevTools' file, not the package's.
    if (file.endsWith('.map')) continue
    const rel = path.relative(buildDir, file).split(path.sep).join('/')
    if (rel === 'project.config.json' || rel === 'project.private.config.json') continue
    const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) ?? 'main'
    bytes.set(owner, (bytes.get(owner) ?? 0) + statSync(file).size)
  }

  let over = 0
  console.log(`weapp package sizes (${path.relative(process.cwd(), buildDir)}), budget ${budgetKB} KB each`)
  for (const [name, size] of bytes) {
    const kb = size / 1024
    const ok = kb <= budgetKB
    if (!ok) over++
    console.log(`  ${ok ? 'ok  ' : 'OVER'} ${name.padEnd(16)} ${kb.toFixed(1).padStart(8)} KB`)
  }
  const totalKB = [...bytes.values()].reduce((a, b) => a + b, 0) / 1024
  console.log(`  total${' '.repeat(17)}${totalKB.toFixed(1).padStart(8)} KB`)
  if (over > 0) console.error(`${over} package(s) over the ${budgetKB} KB budget`)
  return over > 0 ? 1 : 0
}

process.exitCode = main()
