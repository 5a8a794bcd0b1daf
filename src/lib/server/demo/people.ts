/** 32 invented demo experts: names, affiliations, regions and expertise are fictitious. */
export type DemoExpert = { name: string; affiliation: string; region: string; expertise: string };

export const DEMO_REGIONS = [
	'East Asia',
	'South-east Asia',
	'South Asia',
	'West Asia',
	'Europe',
	'North America',
	'Latin America',
	'Africa',
	'Oceania'
] as const;
export const DEMO_EXPERTISE = [
	'urban planning',
	'telecoms',
	'e-government',
	'transport',
	'finance',
	'policy'
] as const;

export const DEMO_EXPERTS: DemoExpert[] = [
	{
		name: 'Lin Qiaoyu',
		affiliation: 'Eastbay Institute of Urban Studies',
		region: 'East Asia',
		expertise: 'urban planning'
	},
	{
		name: 'Hiroko Amase',
		affiliation: 'Kanto Mobility Lab',
		region: 'East Asia',
		expertise: 'transport'
	},
	{
		name: 'Park Seyun',
		affiliation: 'Hangang Digital Policy Centre',
		region: 'East Asia',
		expertise: 'e-government'
	},
	{
		name: 'Zhou Mingda',
		affiliation: 'Pearl River Telecom Research',
		region: 'East Asia',
		expertise: 'telecoms'
	},
	{
		name: 'Wen Ruolan',
		affiliation: 'Northern Capital Finance School',
		region: 'East Asia',
		expertise: 'finance'
	},
	{
		name: 'Chen Haoyu',
		affiliation: 'Institute for Cooperative Governance',
		region: 'East Asia',
		expertise: 'policy'
	},
	{
		name: 'Nur Aisyah Rahmat',
		affiliation: 'Straits Smart Cities Forum',
		region: 'South-east Asia',
		expertise: 'urban planning'
	},
	{
		name: 'Tran Minh Khoa',
		affiliation: 'Mekong Infrastructure Council',
		region: 'South-east Asia',
		expertise: 'transport'
	},
	{
		name: 'Maria Lourdes Dizon',
		affiliation: 'Archipelago E-Services Group',
		region: 'South-east Asia',
		expertise: 'e-government'
	},
	{
		name: 'Anan Srisuk',
		affiliation: 'Chao Phraya Networks Institute',
		region: 'South-east Asia',
		expertise: 'telecoms'
	},
	{
		name: 'Priya Venkataraman',
		affiliation: 'Deccan Policy Trust',
		region: 'South Asia',
		expertise: 'policy'
	},
	{
		name: 'Arjun Malhotra',
		affiliation: 'Western Ghats Rail Studies',
		region: 'South Asia',
		expertise: 'transport'
	},
	{
		name: 'Farhana Chowdhury',
		affiliation: 'Delta Digital Inclusion Lab',
		region: 'South Asia',
		expertise: 'telecoms'
	},
	{
		name: 'Omar Al-Rashidi',
		affiliation: 'Gulf Urban Futures Office',
		region: 'West Asia',
		expertise: 'urban planning'
	},
	{
		name: 'Leyla Demirtaş',
		affiliation: 'Bosphorus Public Finance Unit',
		region: 'West Asia',
		expertise: 'finance'
	},
	{
		name: 'Yael Ben-Ami',
		affiliation: 'Levant Data Governance Group',
		region: 'West Asia',
		expertise: 'e-government'
	},
	{
		name: 'Ingrid Halvorsen',
		affiliation: 'Nordic Institute for Digital Administration',
		region: 'Europe',
		expertise: 'e-government'
	},
	{
		name: 'Matthias Brenner',
		affiliation: 'Rhine Transport Economics',
		region: 'Europe',
		expertise: 'transport'
	},
	{
		name: 'Claire Dufresne',
		affiliation: 'Observatoire des villes numériques',
		region: 'Europe',
		expertise: 'urban planning'
	},
	{
		name: 'Giulia Ferrante',
		affiliation: 'Lombardy Infrastructure Fund',
		region: 'Europe',
		expertise: 'finance'
	},
	{
		name: 'Tomasz Wielgosz',
		affiliation: 'Vistula Telecom Forum',
		region: 'Europe',
		expertise: 'telecoms'
	},
	{
		name: 'Eleanor Whitcombe',
		affiliation: 'Thames Policy Exchange',
		region: 'Europe',
		expertise: 'policy'
	},
	{
		name: 'Daniel Okafor-Reyes',
		affiliation: 'Potomac Civic Tech Council',
		region: 'North America',
		expertise: 'e-government'
	},
	{
		name: 'Rebecca Tanaka-Moore',
		affiliation: 'Bay Area Broadband Initiative',
		region: 'North America',
		expertise: 'telecoms'
	},
	{
		name: 'Samuel Ostrander',
		affiliation: 'Great Lakes Municipal Finance',
		region: 'North America',
		expertise: 'finance'
	},
	{
		name: 'Geneviève Laroche',
		affiliation: 'St Lawrence Planning Studio',
		region: 'North America',
		expertise: 'urban planning'
	},
	{
		name: 'Lucía Mendoza Arce',
		affiliation: 'Andes Urban Mobility Network',
		region: 'Latin America',
		expertise: 'transport'
	},
	{
		name: 'Rafael Quintela',
		affiliation: 'Paraná Policy Institute',
		region: 'Latin America',
		expertise: 'policy'
	},
	{
		name: 'Thandiwe Mokoena',
		affiliation: 'Highveld Digital Economy Centre',
		region: 'Africa',
		expertise: 'finance'
	},
	{
		name: 'Kwabena Asante-Darko',
		affiliation: 'Volta Smart Infrastructure Lab',
		region: 'Africa',
		expertise: 'urban planning'
	},
	{
		name: 'Olivia Grantham',
		affiliation: 'Southern Cross Infrastructure Review',
		region: 'Oceania',
		expertise: 'policy'
	},
	{
		name: 'Manaia Tuilagi',
		affiliation: 'Pacific Connectivity Trust',
		region: 'Oceania',
		expertise: 'telecoms'
	}
];
