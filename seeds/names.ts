// Plausible, diverse staff names for the seed builders. A first name and a surname are
// drawn from the same heritage group (so names read as real people's do), with group
// weights that vary by place, and regional surnames for Cornwall and Lancashire.
import { pickWeighted, type Prng } from './prng';

interface NameGroup {
  readonly first: readonly string[];
  readonly last: readonly string[];
}

const BRITISH: NameGroup = {
  first: [
    'Amelia', 'Oliver', 'Grace', 'James', 'Chloe', 'Rhys', 'Daniel', 'Hannah', 'Samuel', 'Imogen',
    'Lucy', 'Megan', 'Callum', 'Joseph', 'Harry', 'Owen', 'Bethan', 'Ruth', 'Freya', 'Isla',
    'Matthew', 'Sarah', 'Rebecca', 'Paul', 'Helen', 'Claire', 'David', 'Karen', 'Mark', 'Joanne',
    'Stephen', 'Louise', 'Andrew', 'Emma', 'Gareth', 'Sian', 'Ruby', 'Alfie', 'Harriet', 'Jacob',
    'Thomas', 'Charlotte', 'George', 'Sophie', 'William', 'Eleanor', 'Jack', 'Katie', 'Ben', 'Laura',
    'Rachel', 'Simon', 'Nicola', 'Richard', 'Abigail', 'Luke', 'Jessica', 'Adam', 'Natalie', 'Tom',
  ],
  last: [
    'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright',
    'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke',
    'Hughes', 'Edwards', 'Turner', 'Bennett', 'Mitchell', 'Harris', 'Lewis', 'Cooper', 'King', 'Baker',
    'Ward', 'Morris', 'Moore', 'Parker', 'Carter', 'Phillips', 'Shaw', 'Lloyd', 'Fisher', 'Marshall',
  ],
};
const IRISH_SCOTTISH: NameGroup = {
  first: ['Siobhan', 'Niamh', 'Ciaran', 'Saoirse', 'Connor', 'Eilidh', 'Hamish', 'Ewan', 'Aoife', 'Declan', 'Fiona', 'Kieran'],
  last: ['Murphy', 'Kelly', 'Byrne', "O'Neill", 'Fraser', 'MacLeod', 'Campbell', 'Stewart', "O'Brien", 'Doyle', 'McDonald', 'Quinn'],
};
const PAKISTANI_BANGLADESHI: NameGroup = {
  first: ['Mohammed', 'Aisha', 'Fatima', 'Imran', 'Tariq', 'Bilal', 'Sana', 'Ayesha', 'Nadia', 'Omar', 'Hassan', 'Yasmin', 'Zara', 'Usman', 'Samina', 'Asif'],
  last: ['Hussain', 'Khan', 'Ahmed', 'Iqbal', 'Mahmood', 'Rahman', 'Begum', 'Akhtar', 'Ali', 'Chowdhury', 'Bibi', 'Raza', 'Malik', 'Uddin'],
};
const INDIAN: NameGroup = {
  first: ['Priya', 'Arjun', 'Anjali', 'Ravi', 'Sunita', 'Nikhil', 'Harpreet', 'Jaspreet', 'Gurpreet', 'Amrit', 'Deepa', 'Vikram'],
  last: ['Patel', 'Mistry', 'Shah', 'Sharma', 'Kumar', 'Kaur', 'Singh', 'Gill', 'Sandhu', 'Chauhan', 'Parmar', 'Joshi'],
};
const AFRICAN_CARIBBEAN: NameGroup = {
  first: ['Kwame', 'Kofi', 'Chidi', 'Adaeze', 'Femi', 'Nkechi', 'Olumide', 'Ama', 'Tunde', 'Abena', 'Marcus', 'Jerome'],
  last: ['Mensah', 'Boateng', 'Okafor', 'Adeyemi', 'Nwosu', 'Osei', 'Asante', 'Okonkwo', 'Campbell', 'Francis', 'Grant', 'Bailey'],
};
const EASTERN_EUROPEAN: NameGroup = {
  first: ['Tomasz', 'Agnieszka', 'Piotr', 'Marek', 'Katarzyna', 'Magdalena', 'Andrei', 'Elena', 'Lukas', 'Zofia'],
  last: ['Nowak', 'Kowalski', 'Zielinski', 'Wisniewski', 'Horvath', 'Popescu', 'Kaminski', 'Lewandowski', 'Novak', 'Dabrowski'],
};
const EAST_ASIAN: NameGroup = {
  first: ['Wei', 'Mei', 'Jun', 'Lin', 'Hui', 'Yan', 'Minh', 'Hana'],
  last: ['Chen', 'Wong', 'Li', 'Zhang', 'Liu', 'Nguyen', 'Tran', 'Huang'],
};
const SOUTHERN_EUROPEAN: NameGroup = {
  first: ['Elena', 'Marco', 'Sofia', 'Rosa', 'Luca', 'Ines', 'Joao', 'Giulia'],
  last: ['Da Silva', 'Ferreira', 'Rossi', 'Bianchi', 'Santos', 'Garcia', 'Costa', 'Romano'],
};

const LOCAL_SURNAMES = {
  CORNWALL: ['Trelawny', 'Pascoe', 'Penrose', 'Nance', 'Tremayne', 'Trevithick', 'Polglase', 'Chenoweth', 'Retallack', 'Hocking', 'Kitto', 'Angove', 'Jago', 'Rowse', 'Curnow', 'Tregear', 'Penhaligon', 'Rowe'],
  LANCASHIRE: ['Haworth', 'Ashworth', 'Greenhalgh', 'Holt', 'Entwistle', 'Duckworth', 'Hargreaves', 'Whittaker', 'Pilling', 'Crompton', 'Sutcliffe', 'Howarth', 'Crossley', 'Horrocks'],
} as const;
const CORNISH_FIRST = ['Demelza', 'Morwenna', 'Kerensa', 'Tristan', 'Jago', 'Tamsin', 'Loveday', 'Piran'];

/** Where a person works, which shapes the mix of names. */
export type NameLocale = 'CORNWALL' | 'LANCASHIRE' | 'URBAN' | 'TOWN';

const MIX: Record<NameLocale, readonly (readonly [NameGroup, number])[]> = {
  CORNWALL: [[BRITISH, 86], [IRISH_SCOTTISH, 5], [EASTERN_EUROPEAN, 3], [SOUTHERN_EUROPEAN, 2], [INDIAN, 2], [AFRICAN_CARIBBEAN, 1], [EAST_ASIAN, 1]],
  LANCASHIRE: [[BRITISH, 60], [PAKISTANI_BANGLADESHI, 17], [INDIAN, 8], [IRISH_SCOTTISH, 5], [EASTERN_EUROPEAN, 5], [AFRICAN_CARIBBEAN, 3], [EAST_ASIAN, 2]],
  URBAN: [[BRITISH, 52], [PAKISTANI_BANGLADESHI, 11], [INDIAN, 10], [AFRICAN_CARIBBEAN, 10], [IRISH_SCOTTISH, 5], [EASTERN_EUROPEAN, 5], [SOUTHERN_EUROPEAN, 4], [EAST_ASIAN, 3]],
  TOWN: [[BRITISH, 78], [IRISH_SCOTTISH, 6], [EASTERN_EUROPEAN, 5], [INDIAN, 4], [PAKISTANI_BANGLADESHI, 3], [AFRICAN_CARIBBEAN, 2], [SOUTHERN_EUROPEAN, 1], [EAST_ASIAN, 1]],
};

/** A plausible full name for someone working in the given kind of place. */
export function randomName(rng: Prng, locale: NameLocale): string {
  const group = pickWeighted(rng, MIX[locale]);
  let first = rng.pick(group.first);
  let last = rng.pick(group.last);
  if (group === BRITISH && (locale === 'CORNWALL' || locale === 'LANCASHIRE') && rng.chance(0.3)) {
    last = rng.pick(LOCAL_SURNAMES[locale]);
    if (locale === 'CORNWALL' && rng.chance(0.15)) first = rng.pick(CORNISH_FIRST);
  }
  return `${first} ${last}`;
}

/** "Siobhan O'Neill" -> "siobhan.oneill"; "Elena Da Silva" -> "elena.dasilva". */
export function emailLocalPart(name: string): string {
  const [first = '', ...rest] = name.toLowerCase().normalize('NFKD').replace(/[^a-z ]/g, '').trim().split(/\s+/);
  return rest.length > 0 ? `${first}.${rest.join('')}` : first;
}
