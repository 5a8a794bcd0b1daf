/**
 * `npm run verify -- <bundle.json>`: recomputes a locked edition's weights from the bundle's
 * judgements with Concord's engine, recomputes its SHA-256, and says plainly whether both match
 * (exit 0) or what differs (exit 1). Needs only this repository and the bundle.
 */
import { readFileSync } from 'node:fs';
import { ENGINE_VERSION } from '../src/lib/ahp/index';
import { bundleSchema, verifyBundle } from '../src/lib/edition/bundle';

const file = process.argv[2];
if (!file) {
	console.error('Usage: npm run verify -- <bundle.json>');
	process.exit(2);
}
let raw: unknown;
try {
	raw = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
	console.error(`Cannot read ${file} as JSON: ${e instanceof Error ? e.message : String(e)}`);
	process.exit(2);
}
const parsed = bundleSchema.safeParse(raw);
if (!parsed.success) {
	console.error(`${file} is not a Concord edition bundle:`);
	for (const i of parsed.error.issues.slice(0, 10))
		console.error(`  ${i.path.join('.') || '(top)'}: ${i.message}`);
	process.exit(2);
}
const b = parsed.data;
const v = verifyBundle(b);
const pct = (x: number) => (Number.isNaN(x) ? 'missing' : `${(100 * x).toFixed(6)} %`);
console.log(
	`${b.edition.title}, version ${b.edition.version}${b.edition.supersedes ? ` (supersedes version ${b.edition.supersedes}: ${b.edition.reason})` : ''}`
);
console.log(
	`Round ${b.round}, ${b.experts.length} experts, engine ${b.engineVersion}${v.engineMatches ? '' : ` (this repository has ${ENGINE_VERSION})`}`
);
if (b.scoring)
	console.log(
		`Ranking method recorded: ${b.scoring.normalisation} normalisation, ${b.scoring.aggregation} aggregation${b.scoring.aggregation === 'geometric' ? ' (normalised onto [1, 100])' : ''}; city classes count the top ${['10', '30', '60'][b.scoring.classTopBands - 1]} % as "top"`
	);
if (b.groups)
	console.log(
		`City groups: version ${b.groups.version}, ${b.groups.groups.length} groups; their hash recomputed from the members: ${v.groupsMatch ? 'MATCHES' : 'DOES NOT MATCH'}`
	);
console.log(`Weights recomputed from the judgements: ${v.weightsMatch ? 'MATCH' : 'DIFFER'}`);
for (const d of v.differences)
	console.log(
		`  ${d.level} ${d.code}: bundle says ${pct(d.stated)}, recomputed ${pct(d.recomputed)}`
	);
console.log(
	`SHA-256 of the bundle's content: ${v.hashMatches ? 'MATCHES' : 'DOES NOT MATCH'} the locked hash`
);
if (!v.hashMatches) console.log(`  locked     ${b.hash}\n  recomputed ${v.recomputedHash}`);
console.log(
	v.ok
		? 'Verified: this bundle is the locked edition, and its weights follow from its judgements.'
		: 'NOT verified.'
);
process.exit(v.ok ? 0 : 1);
