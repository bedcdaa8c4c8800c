// England's regions and real towns: where the national dataset's schools are placed.
import type { NameLocale } from '../names';

export type Region =
  | 'North East'
  | 'North West'
  | 'Yorkshire and the Humber'
  | 'East Midlands'
  | 'West Midlands'
  | 'East of England'
  | 'London'
  | 'South East'
  | 'South West';

/**
 * Share of England's state schools by region (DfE school census, rounded). The order is part
 * of the random sequence (regions are picked by it and trusts formed region by region in it).
 */
export const REGION_SHARE: readonly (readonly [Region, number])[] = [
  ['London', 0.14],
  ['South East', 0.16],
  ['North West', 0.14],
  ['East of England', 0.12],
  ['West Midlands', 0.11],
  ['South West', 0.11],
  ['Yorkshire and the Humber', 0.1],
  ['East Midlands', 0.09],
  ['North East', 0.05],
];

export interface Town {
  readonly name: string;
  readonly region: Region;
  readonly lat: number;
  readonly lng: number;
  /** Built-up area population, thousands. */
  readonly pop: number;
  /** Postcode areas and district range, e.g. ['LS', 1, 29]. */
  readonly postcodes: readonly (readonly [string, number, number])[];
  /** Compass bearings (degrees, from..to clockwise) where open sea lies within ~15 km. */
  readonly sea?: readonly [number, number];
  readonly names?: NameLocale;
}

const t = (
  name: string,
  region: Region,
  lat: number,
  lng: number,
  pop: number,
  postcodes: readonly (readonly [string, number, number])[],
  extra: { sea?: readonly [number, number]; names?: NameLocale } = {},
): Town => ({ name, region, lat, lng, pop, postcodes, ...extra });

/** Real English towns and cities with approximate centres and populations. */
export const TOWNS: readonly Town[] = [
  t('London', 'London', 51.5072, -0.1276, 8900, [['E', 1, 18], ['N', 1, 22], ['SE', 1, 28], ['SW', 2, 20], ['W', 2, 14], ['NW', 2, 11]]),
  t('Croydon', 'London', 51.3762, -0.0982, 390, [['CR', 0, 8]]),
  t('Ilford', 'London', 51.559, 0.0741, 310, [['IG', 1, 11]]),
  t('Harrow', 'London', 51.5806, -0.3420, 260, [['HA', 0, 9]]),
  t('Birmingham', 'West Midlands', 52.4862, -1.8904, 1150, [['B', 1, 48]]),
  t('Coventry', 'West Midlands', 52.4068, -1.5197, 370, [['CV', 1, 6]]),
  t('Wolverhampton', 'West Midlands', 52.5862, -2.1288, 260, [['WV', 1, 14]]),
  t('Stoke-on-Trent', 'West Midlands', 53.0027, -2.1794, 260, [['ST', 1, 6]]),
  t('Telford', 'West Midlands', 52.6784, -2.4453, 145, [['TF', 1, 7]]),
  t('Worcester', 'West Midlands', 52.192, -2.22, 100, [['WR', 1, 5]]),
  t('Hereford', 'West Midlands', 52.0565, -2.716, 60, [['HR', 1, 4]]),
  t('Shrewsbury', 'West Midlands', 52.7073, -2.7553, 75, [['SY', 1, 3]]),
  t('Manchester', 'North West', 53.4808, -2.2426, 550, [['M', 1, 40]]),
  t('Liverpool', 'North West', 53.4084, -2.9916, 500, [['L', 1, 38]], { sea: [200, 340] }),
  t('Bolton', 'North West', 53.5769, -2.4282, 195, [['BL', 1, 3]], { names: 'LANCASHIRE' }),
  t('Oldham', 'North West', 53.5409, -2.1114, 100, [['OL', 1, 9]], { names: 'LANCASHIRE' }),
  t('Stockport', 'North West', 53.4106, -2.1575, 135, [['SK', 1, 7]]),
  t('Wigan', 'North West', 53.545, -2.6325, 105, [['WN', 1, 6]], { names: 'LANCASHIRE' }),
  t('Warrington', 'North West', 53.39, -2.597, 210, [['WA', 1, 5]]),
  t('Preston', 'North West', 53.7632, -2.7031, 145, [['PR', 1, 5]], { names: 'LANCASHIRE' }),
  t('Blackburn', 'North West', 53.7486, -2.482, 120, [['BB', 1, 2]], { names: 'LANCASHIRE' }),
  t('Burnley', 'North West', 53.7893, -2.248, 75, [['BB', 10, 12]], { names: 'LANCASHIRE' }),
  t('Blackpool', 'North West', 53.8175, -3.0357, 140, [['FY', 1, 4]], { sea: [190, 350], names: 'LANCASHIRE' }),
  t('Lancaster', 'North West', 54.0466, -2.8007, 52, [['LA', 1, 2]], { sea: [200, 300], names: 'LANCASHIRE' }),
  t('Carlisle', 'North West', 54.8925, -2.9329, 75, [['CA', 1, 3]], { sea: [240, 300] }),
  t('Kendal', 'North West', 54.328, -2.746, 30, [['LA', 9, 9]]),
  t('Leeds', 'Yorkshire and the Humber', 53.8008, -1.5491, 790, [['LS', 1, 29]]),
  t('Sheffield', 'Yorkshire and the Humber', 53.3811, -1.4701, 580, [['S', 1, 36]]),
  t('Bradford', 'Yorkshire and the Humber', 53.796, -1.7594, 360, [['BD', 1, 15]]),
  t('Hull', 'Yorkshire and the Humber', 53.7676, -0.3274, 270, [['HU', 1, 9]], { sea: [150, 250] }),
  t('York', 'Yorkshire and the Humber', 53.96, -1.0873, 200, [['YO', 1, 32]]),
  t('Huddersfield', 'Yorkshire and the Humber', 53.6458, -1.785, 160, [['HD', 1, 5]]),
  t('Wakefield', 'Yorkshire and the Humber', 53.683, -1.4977, 100, [['WF', 1, 4]]),
  t('Doncaster', 'Yorkshire and the Humber', 53.5228, -1.1285, 110, [['DN', 1, 5]]),
  t('Barnsley', 'Yorkshire and the Humber', 53.5526, -1.4797, 95, [['S', 70, 75]]),
  t('Grimsby', 'Yorkshire and the Humber', 53.5675, -0.08, 90, [['DN', 31, 34]], { sea: [0, 130] }),
  t('Scarborough', 'Yorkshire and the Humber', 54.283, -0.399, 60, [['YO', 11, 12]], { sea: [0, 180] }),
  t('Newcastle upon Tyne', 'North East', 54.9783, -1.6178, 300, [['NE', 1, 15]], { sea: [60, 120] }),
  t('Sunderland', 'North East', 54.9069, -1.3838, 175, [['SR', 1, 6]], { sea: [20, 160] }),
  t('Middlesbrough', 'North East', 54.5742, -1.235, 140, [['TS', 1, 8]], { sea: [0, 90] }),
  t('Durham', 'North East', 54.7761, -1.5733, 50, [['DH', 1, 7]]),
  t('Darlington', 'North East', 54.5236, -1.5595, 95, [['DL', 1, 3]]),
  t('Nottingham', 'East Midlands', 52.9548, -1.1581, 330, [['NG', 1, 16]]),
  t('Leicester', 'East Midlands', 52.6369, -1.1398, 370, [['LE', 1, 5]]),
  t('Derby', 'East Midlands', 52.9225, -1.4746, 260, [['DE', 1, 24]]),
  t('Northampton', 'East Midlands', 52.2405, -0.9027, 225, [['NN', 1, 5]]),
  t('Lincoln', 'East Midlands', 53.2307, -0.5406, 100, [['LN', 1, 6]]),
  t('Mansfield', 'East Midlands', 53.1472, -1.1987, 110, [['NG', 18, 21]]),
  t('Chesterfield', 'East Midlands', 53.235, -1.421, 105, [['S', 40, 45]]),
  t('Boston', 'East Midlands', 52.9789, -0.0266, 45, [['PE', 21, 21]], { sea: [30, 120] }),
  t('Norwich', 'East of England', 52.6309, 1.2974, 145, [['NR', 1, 7]]),
  t('Luton', 'East of England', 51.8787, -0.42, 225, [['LU', 1, 4]]),
  t('Peterborough', 'East of England', 52.5695, -0.2405, 200, [['PE', 1, 7]]),
  t('Cambridge', 'East of England', 52.2053, 0.1218, 145, [['CB', 1, 5]]),
  t('Ipswich', 'East of England', 52.0567, 1.1482, 140, [['IP', 1, 4]]),
  t('Colchester', 'East of England', 51.8959, 0.8919, 130, [['CO', 1, 4]], { sea: [100, 150] }),
  t('Chelmsford', 'East of England', 51.7356, 0.4685, 110, [['CM', 1, 3]]),
  t('Southend-on-Sea', 'East of England', 51.5459, 0.7077, 180, [['SS', 1, 9]], { sea: [100, 250] }),
  t("King's Lynn", 'East of England', 52.7517, 0.3952, 45, [['PE', 30, 34]], { sea: [320, 40] }),
  t('Southampton', 'South East', 50.9097, -1.4044, 250, [['SO', 14, 19]], { sea: [150, 220] }),
  t('Portsmouth', 'South East', 50.8198, -1.088, 210, [['PO', 1, 6]], { sea: [110, 250] }),
  t('Brighton', 'South East', 50.8225, -0.1372, 230, [['BN', 1, 3]], { sea: [100, 260] }),
  t('Reading', 'South East', 51.4543, -0.9781, 175, [['RG', 1, 6]]),
  t('Milton Keynes', 'South East', 52.0406, -0.7594, 230, [['MK', 1, 15]]),
  t('Oxford', 'South East', 51.752, -1.2577, 160, [['OX', 1, 4]]),
  t('Maidstone', 'South East', 51.272, 0.529, 110, [['ME', 14, 17]]),
  t('Canterbury', 'South East', 51.2802, 1.0789, 55, [['CT', 1, 2]], { sea: [330, 30] }),
  t('Guildford', 'South East', 51.2362, -0.5704, 80, [['GU', 1, 4]]),
  t('Crawley', 'South East', 51.1092, -0.1872, 115, [['RH', 10, 11]]),
  t('Hastings', 'South East', 50.8543, 0.5735, 92, [['TN', 34, 35]], { sea: [90, 260] }),
  t('Bristol', 'South West', 51.4545, -2.5879, 470, [['BS', 1, 16]]),
  t('Plymouth', 'South West', 50.3755, -4.1427, 265, [['PL', 1, 9]], { sea: [120, 240] }),
  t('Bournemouth', 'South West', 50.7192, -1.8808, 190, [['BH', 1, 11]], { sea: [90, 260] }),
  t('Swindon', 'South West', 51.5558, -1.7797, 185, [['SN', 1, 5]]),
  t('Exeter', 'South West', 50.7184, -3.5339, 130, [['EX', 1, 4]], { sea: [150, 190] }),
  t('Gloucester', 'South West', 51.8642, -2.2382, 130, [['GL', 1, 4]]),
  t('Taunton', 'South West', 51.015, -3.1029, 65, [['TA', 1, 2]]),
  t('Salisbury', 'South West', 51.0688, -1.7945, 45, [['SP', 1, 2]]),
  t('Barnstaple', 'South West', 51.08, -4.06, 30, [['EX', 31, 32]], { sea: [230, 330] }),
  t('Truro', 'South West', 50.2632, -5.051, 20, [['TR', 1, 4]], { sea: [100, 210], names: 'CORNWALL' }),
  t('Bodmin', 'South West', 50.4715, -4.7245, 15, [['PL', 30, 31]], { names: 'CORNWALL' }),
  t('Camborne', 'South West', 50.2123, -5.2985, 40, [['TR', 14, 15]], { sea: [270, 30], names: 'CORNWALL' }),
];

