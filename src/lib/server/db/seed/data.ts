/** Word lists for realistic Hungarian demo data. Names and addresses are invented combinations. */

export const SURNAMES = [
	'Nagy',
	'Kovács',
	'Tóth',
	'Szabó',
	'Horváth',
	'Varga',
	'Kiss',
	'Molnár',
	'Németh',
	'Farkas',
	'Balogh',
	'Papp',
	'Takács',
	'Juhász',
	'Lakatos',
	'Mészáros',
	'Oláh',
	'Simon',
	'Rácz',
	'Fekete',
	'Szilágyi',
	'Török',
	'Fehér',
	'Balázs',
	'Gál',
	'Kis',
	'Szűcs',
	'Kocsis',
	'Pintér',
	'Fodor',
	'Szalai',
	'Sipos',
	'Magyar',
	'Lukács',
	'Gulyás',
	'Bíró',
	'Király',
	'Katona',
	'László',
	'Jakab',
	'Bogdán',
	'Sándor',
	'Boros',
	'Fazekas',
	'Kelemen',
	'Antal',
	'Orosz',
	'Somogyi',
	'Fülöp',
	'Veres',
	'Budai',
	'Vincze',
	'Hegedűs',
	'Deák',
	'Bálint',
	'Illés',
	'Pálfi',
	'Vass',
	'Soós',
	'Halász'
] as const;

export const MALE_NAMES = [
	'László',
	'István',
	'József',
	'János',
	'Zoltán',
	'Sándor',
	'Gábor',
	'Ferenc',
	'Attila',
	'Péter',
	'Tamás',
	'Zsolt',
	'Tibor',
	'András',
	'Csaba',
	'Imre',
	'Lajos',
	'György',
	'Balázs',
	'Róbert',
	'Norbert',
	'Mihály',
	'Dávid',
	'Ádám',
	'Bence',
	'Máté',
	'Dániel',
	'Krisztián',
	'Gergő',
	'Levente'
] as const;

export const FEMALE_NAMES = [
	'Mária',
	'Erzsébet',
	'Katalin',
	'Ilona',
	'Éva',
	'Anna',
	'Zsuzsanna',
	'Margit',
	'Judit',
	'Ágnes',
	'Andrea',
	'Ildikó',
	'Erika',
	'Krisztina',
	'Szilvia',
	'Edit',
	'Gabriella',
	'Mónika',
	'Anita',
	'Eszter',
	'Tímea',
	'Nikolett',
	'Viktória',
	'Réka',
	'Dóra',
	'Petra',
	'Boglárka',
	'Anikó',
	'Beáta',
	'Nóra'
] as const;

/** [postal code, city] — real codes, weighted towards Budapest by repetition. */
export const PLACES: readonly (readonly [string, string])[] = [
	['1011', 'Budapest'],
	['1052', 'Budapest'],
	['1066', 'Budapest'],
	['1073', 'Budapest'],
	['1085', 'Budapest'],
	['1095', 'Budapest'],
	['1117', 'Budapest'],
	['1134', 'Budapest'],
	['1142', 'Budapest'],
	['1165', 'Budapest'],
	['1183', 'Budapest'],
	['1203', 'Budapest'],
	['1211', 'Budapest'],
	['1039', 'Budapest'],
	['1106', 'Budapest'],
	['1158', 'Budapest'],
	['4024', 'Debrecen'],
	['4032', 'Debrecen'],
	['6720', 'Szeged'],
	['6724', 'Szeged'],
	['3525', 'Miskolc'],
	['3530', 'Miskolc'],
	['7621', 'Pécs'],
	['7624', 'Pécs'],
	['9021', 'Győr'],
	['9024', 'Győr'],
	['4400', 'Nyíregyháza'],
	['6000', 'Kecskemét'],
	['8000', 'Székesfehérvár'],
	['9700', 'Szombathely'],
	['5000', 'Szolnok'],
	['2800', 'Tatabánya'],
	['7400', 'Kaposvár'],
	['2030', 'Érd'],
	['8200', 'Veszprém'],
	['5600', 'Békéscsaba'],
	['8900', 'Zalaegerszeg'],
	['9400', 'Sopron'],
	['3300', 'Eger'],
	['8800', 'Nagykanizsa'],
	['2400', 'Dunaújváros'],
	['6800', 'Hódmezővásárhely'],
	['3100', 'Salgótarján'],
	['2700', 'Cegléd'],
	['6500', 'Baja'],
	['2600', 'Vác'],
	['2100', 'Gödöllő'],
	['2000', 'Szentendre'],
	['8600', 'Siófok'],
	['3000', 'Hatvan'],
	['5100', 'Jászberény'],
	['7030', 'Paks'],
	['5700', 'Gyula'],
	['9200', 'Mosonmagyaróvár'],
	['2500', 'Esztergom'],
	['8360', 'Keszthely'],
	['2040', 'Budaörs'],
	['6100', 'Kiskunfélegyháza'],
	['3200', 'Gyöngyös'],
	['7100', 'Szekszárd']
];

export const STREETS = [
	'Petőfi Sándor utca',
	'Kossuth Lajos utca',
	'Rákóczi út',
	'Ady Endre utca',
	'Dózsa György út',
	'Jókai Mór utca',
	'Arany János utca',
	'Széchenyi István tér',
	'Béke utca',
	'Fő utca',
	'Vörösmarty utca',
	'Bartók Béla út',
	'Kölcsey Ferenc utca',
	'Táncsics Mihály utca',
	'Deák Ferenc utca',
	'Hunyadi János utca',
	'Bajcsy-Zsilinszky út',
	'Szabadság tér',
	'Rózsa utca',
	'Tavasz utca',
	'Kazinczy utca',
	'Mátyás király utca',
	'Damjanich utca',
	'Babits Mihály utca',
	'Zrínyi Miklós utca',
	'Bem József utca',
	'Szent István körút',
	'Toldi Ferenc utca',
	'Vasút utca',
	'Kert utca'
] as const;

export const COMPANY_PLACES = [
	'Alföldi',
	'Bakony',
	'Balaton',
	'Dunamenti',
	'Mátra',
	'Tiszaparti',
	'Zöldmező',
	'Napfény',
	'Kékmadár',
	'Délibáb',
	'Pannon',
	'Hegyalja',
	'Rábaközi',
	'Nyírségi',
	'Kiskunsági',
	'Vértes'
] as const;

export const COMPANY_TRADES = [
	'Építő',
	'Kereskedelmi',
	'Szolgáltató',
	'Fuvarozó',
	'Vendéglátó',
	'Informatikai',
	'Mezőgazdasági',
	'Nyomdaipari',
	'Autószerviz',
	'Pékáru',
	'Kertészeti',
	'Villanyszerelő',
	'Asztalos',
	'Takarító'
] as const;

export const EMAIL_DOMAINS = [
	'posta.example',
	'levelezo.example',
	'mail.example',
	'inbox.example'
] as const;

export const DESCRIPTIONS = {
	bank: ['Személyi kölcsön', 'Hitelkártya-tartozás', 'Folyószámlahitel', 'Áruhitel'],
	utility: ['Villamosenergia-számla', 'Földgázszámla', 'Távhőszámla', 'Víz- és csatornadíj'],
	telecom: ['Mobil-előfizetés', 'Internet-előfizetés', 'Készülékrészlet', 'TV- és internetcsomag']
} as const;

export const DISPUTE_DETAILS: Record<string, string[]> = {
	not_mine: [
		'Ezt a szerződést nem én kötöttem.',
		'Nem ismerem ezt a tartozást, soha nem voltam ügyfelük.'
	],
	already_paid: [
		'A számlát befizettem, a csekk másolata nálam van.',
		'Átutalással rendeztem, kérem, ellenőrizzék.'
	],
	wrong_amount: [
		'A kamat összege nem stimmel a szerződéssel.',
		'Az összeg magasabb, mint amit a számla mutatott.'
	],
	statute_barred: ['A tartozás szerintem elévült.'],
	other: ['Kérem, küldjék meg a szerződés másolatát.', 'Költözés miatt nem kaptam meg a számlákat.']
};

export const DISPUTE_ANSWERS = {
	rejected:
		'A megbízó iratai alapján a követelés fennáll; a szerződés és a számlák másolatát postán megküldtük.',
	upheld:
		'Kifogását megalapozottnak találtuk; a követelést a megbízó visszavonta, az ügyet lezártuk.'
} as const;

/** Hungarian tax number 'xxxxxxxx-y-zz' with a valid check digit (weights 9,7,3,1). */
export function taxNumber(base7: number, vat: number, county: number): string {
	const digits = String(base7).padStart(7, '0').slice(-7);
	const w = [9, 7, 3, 1, 9, 7, 3];
	let sum = 0;
	for (let i = 0; i < 7; i++) sum += Number(digits[i]) * w[i];
	const check = (10 - (sum % 10)) % 10;
	return `${digits}${check}-${vat}-${String(county).padStart(2, '0')}`;
}

export function asciiLower(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '.');
}
