/**
 * The demo framework (shared/domain.md): 16 indicators in 3 pillars, built from the layers and terms of
 * the 2023 release and from documented indices. The published indicator names and weights are not
 * public; this is a plausible stand-in, labelled as such.
 */
export type FrameworkPillar = {
	code: string;
	nameEn: string;
	nameZh: string;
	descriptionEn: string;
	descriptionZh: string;
};
export type FrameworkIndicator = {
	code: string;
	pillar: string;
	nameEn: string;
	nameZh: string;
	descriptionEn: string;
	descriptionZh: string;
	unit: string;
	direction: 1 | -1;
	rangeMin: number;
	rangeMax: number;
	isNational: boolean;
};

export const DEMO_PILLARS: FrameworkPillar[] = [
	{
		code: 'T',
		nameEn: 'Traditional infrastructure',
		nameZh: '传统基础设施',
		descriptionEn: 'Transport, energy and environment: the physical base a smart city builds on.',
		descriptionZh: '交通、能源与环境：智慧城市赖以建设的物理基础。'
	},
	{
		code: 'D',
		nameEn: 'Digital infrastructure',
		nameZh: '数字基础设施',
		descriptionEn:
			'Wired and wireless communication networks, their speed and use, and data centres.',
		descriptionZh: '有线与无线通信网络、其速度与使用，以及数据中心。'
	},
	{
		code: 'I',
		nameEn: 'Institutional infrastructure',
		nameZh: '制度基础设施',
		descriptionEn: 'Digital government, the rules for data and the quality of regulation.',
		descriptionZh: '数字政府、数据规则与监管质量。'
	}
];

export const DEMO_INDICATORS: FrameworkIndicator[] = [
	{
		code: 'T1',
		pillar: 'T',
		nameEn: 'Cross-regional rail connectivity',
		nameZh: '跨区域铁路连通性',
		descriptionEn: 'Cities of 500,000 or more reachable by direct rail within 4 hours.',
		descriptionZh: '4小时内可乘直达列车到达的50万人口以上城市数量。',
		unit: 'cities reachable',
		direction: 1,
		rangeMin: 0,
		rangeMax: 60,
		isNational: false
	},
	{
		code: 'T2',
		pillar: 'T',
		nameEn: 'Urban rail transit density',
		nameZh: '城市轨道交通密度',
		descriptionEn: 'Length of metro and light-rail lines per million residents.',
		descriptionZh: '每百万居民拥有的地铁与轻轨线路长度。',
		unit: 'km per million residents',
		direction: 1,
		rangeMin: 0,
		rangeMax: 60,
		isNational: false
	},
	{
		code: 'T3',
		pillar: 'T',
		nameEn: 'International air connectivity',
		nameZh: '国际航空连通性',
		descriptionEn: 'Direct international destinations served from the city’s airports.',
		descriptionZh: '城市机场直飞的国际目的地数量。',
		unit: 'destinations',
		direction: 1,
		rangeMin: 0,
		rangeMax: 250,
		isNational: false
	},
	{
		code: 'T4',
		pillar: 'T',
		nameEn: 'Power-supply reliability',
		nameZh: '供电可靠性',
		descriptionEn: 'Outage hours per customer per year (lower is better).',
		descriptionZh: '每户每年停电小时数（越低越好）。',
		unit: 'outage hours per customer per year',
		direction: -1,
		rangeMin: 0.1,
		rangeMax: 100,
		isNational: false
	},
	{
		code: 'T5',
		pillar: 'T',
		nameEn: 'Air quality',
		nameZh: '空气质量',
		descriptionEn: 'Annual mean PM2.5 concentration (lower is better).',
		descriptionZh: 'PM2.5年均浓度（越低越好）。',
		unit: 'µg/m³',
		direction: -1,
		rangeMin: 3,
		rangeMax: 100,
		isNational: false
	},
	{
		code: 'D1',
		pillar: 'D',
		nameEn: 'Wired communications: fixed broadband take-up',
		nameZh: '有线通信：固定宽带普及率',
		descriptionEn: 'Fixed broadband subscriptions per 100 inhabitants (national measure).',
		descriptionZh: '每百名居民固定宽带用户数（国家层面指标）。',
		unit: 'subscriptions per 100 inhabitants',
		direction: 1,
		rangeMin: 0.5,
		rangeMax: 50,
		isNational: true
	},
	{
		code: 'D2',
		pillar: 'D',
		nameEn: 'Fixed broadband speed',
		nameZh: '固定宽带速度',
		descriptionEn: 'Median fixed download speed.',
		descriptionZh: '固定网络下载速度中位数。',
		unit: 'Mbps',
		direction: 1,
		rangeMin: 10,
		rangeMax: 370,
		isNational: false
	},
	{
		code: 'D3',
		pillar: 'D',
		nameEn: 'Wireless communication networks: 5G coverage',
		nameZh: '无线通信网络：5G覆盖率',
		descriptionEn: 'Share of the population covered by 5G.',
		descriptionZh: '5G网络覆盖的人口比例。',
		unit: '% of population',
		direction: 1,
		rangeMin: 0,
		rangeMax: 100,
		isNational: false
	},
	{
		code: 'D4',
		pillar: 'D',
		nameEn: 'Mobile broadband speed',
		nameZh: '移动宽带速度',
		descriptionEn: 'Median mobile download speed.',
		descriptionZh: '移动网络下载速度中位数。',
		unit: 'Mbps',
		direction: 1,
		rangeMin: 10,
		rangeMax: 300,
		isNational: false
	},
	{
		code: 'D5',
		pillar: 'D',
		nameEn: 'Internet use',
		nameZh: '互联网使用率',
		descriptionEn: 'Share of individuals using the internet (national measure).',
		descriptionZh: '使用互联网的个人比例（国家层面指标）。',
		unit: '% of individuals',
		direction: 1,
		rangeMin: 30,
		rangeMax: 99,
		isNational: true
	},
	{
		code: 'D6',
		pillar: 'D',
		nameEn: 'Data-centre and interconnection density',
		nameZh: '数据中心与互联节点密度',
		descriptionEn: 'Data centres and internet exchange points in the metropolitan area.',
		descriptionZh: '都市区内数据中心与互联网交换节点数量。',
		unit: 'facilities + exchange points',
		direction: 1,
		rangeMin: 0,
		rangeMax: 300,
		isNational: false
	},
	{
		code: 'I1',
		pillar: 'I',
		nameEn: 'Digital government',
		nameZh: '数字政府',
		descriptionEn: 'Local online service index (after UN LOSI), 0 to 1.',
		descriptionZh: '地方在线服务指数（参照联合国LOSI），0至1。',
		unit: 'index, 0–1',
		direction: 1,
		rangeMin: 0,
		rangeMax: 1,
		isNational: false
	},
	{
		code: 'I2',
		pillar: 'I',
		nameEn: 'Rational flow of data: digital trade restrictiveness',
		nameZh: '数据合理流动：数字贸易限制程度',
		descriptionEn:
			'Digital services trade restrictiveness (after OECD Digital STRI), 0 open to 1 closed (national measure; lower is better).',
		descriptionZh:
			'数字服务贸易限制指数（参照OECD数字STRI），0为开放、1为封闭（国家层面指标；越低越好）。',
		unit: 'index, 0 open – 1 closed',
		direction: -1,
		rangeMin: 0.04,
		rangeMax: 0.48,
		isNational: true
	},
	{
		code: 'I3',
		pillar: 'I',
		nameEn: 'Data protection law',
		nameZh: '数据保护法',
		descriptionEn:
			'1 when a data protection law is in force, 0.5 for a draft, 0 for none (national measure).',
		descriptionZh: '数据保护法已生效为1，草案为0.5，无为0（国家层面指标）。',
		unit: '1 in force, 0.5 draft, 0 none',
		direction: 1,
		rangeMin: 0,
		rangeMax: 1,
		isNational: true
	},
	{
		code: 'I4',
		pillar: 'I',
		nameEn: 'Open government data',
		nameZh: '政府数据开放',
		descriptionEn: 'Open data inventory score of the city’s government.',
		descriptionZh: '城市政府开放数据清单得分。',
		unit: 'score, 0–100',
		direction: 1,
		rangeMin: 0,
		rangeMax: 100,
		isNational: false
	},
	{
		code: 'I5',
		pillar: 'I',
		nameEn: 'Regulatory quality',
		nameZh: '监管质量',
		descriptionEn: 'Governance estimate (after World Bank WGI), −2.5 to 2.5 (national measure).',
		descriptionZh: '治理评估值（参照世界银行WGI），−2.5至2.5（国家层面指标）。',
		unit: 'governance estimate',
		direction: 1,
		rangeMin: -2.5,
		rangeMax: 2.5,
		isNational: true
	}
];
