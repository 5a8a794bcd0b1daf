/**
 * The demo study's city clusters: the clusters the 2023 release compared, built from the demo
 * universe by a documented geographic rule (no hand-picked members). A city belongs to a cluster when
 * its country is one of the cluster's countries and either
 * - it lies within `km` kilometres (great-circle, haversine, R = 6,371 km) of the cluster's centre, or
 * - its first-level region (SimpleMaps `admin_name`) is one of the cluster's regions (for clusters the
 *   release defines administratively: the Yangtze River Delta, the Greater Bay Area, China's north-west).
 * A cluster with fewer than three members in the demo universe says so on the page.
 */
import type { CityGroup } from '../../scoring/groups';

export type ClusterRule = Omit<CityGroup, 'cityIds'> & {
	countries: readonly string[];
	centre?: readonly [number, number];
	km?: number;
	/** Cities of these countries are members whatever their region (Hong Kong, Macao). */
	wholeCountries?: readonly string[];
	regions?: readonly string[];
	/** A second rule joined to the first: e.g. Central Asia's capitals beside China's north-west. */
	also?: Omit<ClusterRule, 'code' | 'nameEn' | 'nameZh' | 'kind'>;
};

export const DEMO_CLUSTER_RULES: readonly ClusterRule[] = [
	{
		code: 'north-sea',
		nameEn: 'North Sea',
		nameZh: '北海',
		kind: 'coastal',
		countries: ['GB', 'NL', 'BE', 'DE', 'DK', 'NO'],
		centre: [53, 5.5],
		km: 420
	},
	{
		code: 'baltic-sea',
		nameEn: 'Baltic Sea',
		nameZh: '波罗的海',
		kind: 'coastal',
		countries: ['SE', 'FI', 'EE', 'LV', 'LT', 'DK', 'PL', 'DE', 'RU'],
		centre: [58.5, 20],
		km: 700
	},
	{
		code: 'new-york-bay',
		nameEn: 'New York Bay Area',
		nameZh: '纽约湾区',
		kind: 'coastal',
		countries: ['US'],
		centre: [40.7, -74],
		km: 350
	},
	{
		code: 'great-lakes',
		nameEn: 'Great Lakes',
		nameZh: '五大湖',
		kind: 'coastal',
		countries: ['US', 'CA'],
		centre: [43.5, -86],
		km: 700
	},
	{
		code: 'japan-three-bays',
		nameEn: "Japan's three bays (Tokyo, Ise, Osaka)",
		nameZh: '日本三湾（东京湾、伊势湾、大阪湾）',
		kind: 'coastal',
		countries: ['JP'],
		centre: [35.2, 137.5],
		km: 260
	},
	{
		code: 'yangtze-delta',
		nameEn: 'Yangtze River Delta',
		nameZh: '长三角',
		kind: 'coastal',
		countries: ['CN'],
		regions: ['Shanghai', 'Jiangsu', 'Zhejiang', 'Anhui']
	},
	{
		code: 'greater-bay-area',
		nameEn: 'Guangdong–Hong Kong–Macao Greater Bay Area',
		nameZh: '粤港澳大湾区',
		kind: 'coastal',
		countries: ['CN', 'HK', 'MO'],
		regions: ['Guangdong'],
		wholeCountries: ['HK', 'MO']
	},
	{
		code: 'persian-gulf',
		nameEn: 'Persian Gulf',
		nameZh: '波斯湾',
		kind: 'coastal',
		countries: ['AE', 'QA', 'BH', 'KW', 'SA', 'OM', 'IR', 'IQ'],
		centre: [26.5, 51.5],
		km: 600
	},
	{
		code: 'alps',
		nameEn: 'Alps',
		nameZh: '阿尔卑斯',
		kind: 'inland',
		countries: ['CH', 'AT', 'DE', 'IT', 'FR', 'SI', 'LI'],
		centre: [46.5, 10],
		km: 300
	},
	{
		code: 'carpathians-balkans',
		nameEn: 'Carpathians–Balkans',
		nameZh: '喀尔巴阡—巴尔干',
		kind: 'inland',
		countries: ['RO', 'BG', 'HU', 'SK', 'HR', 'SI', 'RS', 'BA', 'ME', 'MK', 'AL', 'UA', 'MD', 'PL'],
		centre: [46, 21.5],
		km: 550
	},
	{
		code: 'rocky-mountains',
		nameEn: 'Rocky Mountains',
		nameZh: '落基山',
		kind: 'inland',
		countries: ['US', 'CA'],
		centre: [45, -108],
		km: 1050
	},
	{
		code: 'asia-inland',
		nameEn: "Asian inland: Xi'an–Ürümqi/Kashgar, Central Asia and the Iranian plateau",
		nameZh: '亚洲内陆：西安—乌鲁木齐/喀什、中亚与伊朗高原',
		kind: 'inland',
		countries: ['CN'],
		regions: ['Shaanxi', 'Gansu', 'Ningxia', 'Qinghai', 'Xinjiang'],
		also: { countries: ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'AF', 'IR'], centre: [38, 62], km: 1700 }
	}
];

/** Great-circle distance in km (haversine, mean Earth radius 6,371 km). */
export function distanceKm(a: readonly [number, number], b: readonly [number, number]): number {
	const rad = Math.PI / 180;
	const dLat = (b[0] - a[0]) * rad;
	const dLng = (b[1] - a[1]) * rad;
	const h =
		Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLng / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

type RuleCity = {
	id: string;
	iso2: string;
	adminName: string;
	lat: number | null;
	lng: number | null;
};

function matches(
	rule: Omit<ClusterRule, 'code' | 'nameEn' | 'nameZh' | 'kind'>,
	c: RuleCity
): boolean {
	if (!rule.countries.includes(c.iso2)) return false;
	if (rule.wholeCountries?.includes(c.iso2)) return true;
	if (rule.regions?.includes(c.adminName)) return true;
	if (rule.centre && rule.km !== undefined && c.lat !== null && c.lng !== null)
		return distanceKm(rule.centre, [c.lat, c.lng]) <= rule.km;
	return false;
}

/** The demo clusters of a universe of cities, by the rule above. */
export function demoClusters(
	universe: readonly RuleCity[],
	rules = DEMO_CLUSTER_RULES
): CityGroup[] {
	return rules.map((r) => ({
		code: r.code,
		nameEn: r.nameEn,
		nameZh: r.nameZh,
		kind: r.kind,
		cityIds: universe
			.filter((c) => matches(r, c) || (r.also ? matches(r.also, c) : false))
			.map((c) => c.id)
	}));
}

/** How the demo groups were made, for their version's `source` and the page. */
export const DEMO_CLUSTER_SOURCE =
	'Demo clusters by a geographic rule (src/lib/server/demo/clusters.ts): the listed countries, within a radius of each cluster centre or in the listed first-level regions.';
