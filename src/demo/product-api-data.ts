/** One product of the demo product API. */
export interface DemoProduct {
  /** Product id, 1-based. */
  readonly id: number;
  /** Stock-keeping unit code. */
  readonly sku: string;
  /** Product name. */
  readonly name: string;
  /** Category, one of `demoCategories`. */
  readonly category: string;
  /** Unit price in US dollars. */
  readonly price: number;
  /** Units in the warehouse. */
  readonly stock: number;
  /** Average customer rating, 1.0 to 5.0. */
  readonly rating: number;
  /** Supplier name and country. */
  readonly supplier: { readonly name: string; readonly country: string };
}

/** One day of the demo weather forecast. */
export interface DemoForecastDay {
  /** City name. */
  readonly city: string;
  /** Calendar date, YYYY-MM-DD. */
  readonly date: string;
  /** Highest temperature, °C. */
  readonly temperatureHighC: number;
  /** Lowest temperature, °C. */
  readonly temperatureLowC: number;
  /** Rain and snow, millimetres. */
  readonly precipitationMm: number;
  /** Sky condition. */
  readonly condition: string;
}

/** Categories of the demo catalogue. */
export const demoCategories = ['outdoor', 'kitchen', 'garden', 'electronics', 'toys'] as const;
/** Cities the demo forecast covers. */
export const demoCities = ['Seattle', 'Chicago', 'Miami', 'Denver', 'Boston'] as const;
/** First day of the demo forecast; fixed so answers do not depend on the clock. */
export const forecastStartDate = '2024-06-01';

const productWords: Record<(typeof demoCategories)[number], readonly string[]> = {
  outdoor: ['Tent', 'Sleeping Bag', 'Backpack', 'Headlamp', 'Camp Stove', 'Trekking Poles', 'Water Filter', 'Hammock'],
  kitchen: ['Chef Knife', 'Cast Iron Pan', 'Kettle', 'Blender', 'Cutting Board', 'Coffee Grinder', 'Dutch Oven', 'Toaster'],
  garden: ['Hose', 'Pruning Shears', 'Planter', 'Wheelbarrow', 'Rake', 'Seed Kit', 'Sprinkler', 'Compost Bin'],
  electronics: ['Headphones', 'Speaker', 'Charger', 'Smart Plug', 'Webcam', 'Keyboard', 'Monitor', 'Router'],
  toys: ['Puzzle', 'Kite', 'Building Blocks', 'Board Game', 'Plush Bear', 'Yo-Yo', 'Train Set', 'Jump Rope'],
};
const adjectives = ['Classic', 'Pro', 'Compact', 'Deluxe'];
const suppliers = [
  { name: 'Northwind Supply', country: 'US' },
  { name: 'Fjord Outfitters', country: 'NO' },
  { name: 'Sakura Goods', country: 'JP' },
  { name: 'Rhein Werke', country: 'DE' },
  { name: 'Maple Trading', country: 'CA' },
];
const conditions = ['sunny', 'partly cloudy', 'cloudy', 'rain', 'thunderstorm'];
const cityClimate: Record<(typeof demoCities)[number], { high: number; rainChance: number }> = {
  Seattle: { high: 21, rainChance: 0.45 },
  Chicago: { high: 26, rainChance: 0.3 },
  Miami: { high: 31, rainChance: 0.5 },
  Denver: { high: 27, rainChance: 0.2 },
  Boston: { high: 24, rainChance: 0.3 },
};

/** A deterministic uniform number in [0, 1) from integer keys (a small integer hash; no state, no clock). */
function unit(...keys: number[]): number {
  let hash = 0x9e3779b9;
  for (const key of keys) {
    hash = Math.imul(hash ^ key, 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return (hash >>> 0) / 4294967296;
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/** The 40 products of the demo catalogue: eight per category, the same on every run. */
export function demoProducts(): DemoProduct[] {
  return demoCategories.flatMap((category, categoryIndex) =>
    productWords[category].map((word, wordIndex) => {
      const id = categoryIndex * 8 + wordIndex + 1;
      const adjective = adjectives[Math.floor(unit(id, 1) * adjectives.length)] as string;
      return {
        id,
        sku: `${category.slice(0, 3).toUpperCase()}-${String(id).padStart(4, '0')}`,
        name: `${adjective} ${word}`,
        category,
        price: round(5 + unit(id, 2) * 295, 2),
        stock: Math.floor(unit(id, 3) * 250),
        rating: round(1 + unit(id, 4) * 4, 1),
        supplier: suppliers[Math.floor(unit(id, 5) * suppliers.length)] as DemoProduct['supplier'],
      };
    }),
  );
}

/** `days` forecast days for a demo city from `forecastStartDate`, the same on every run. */
export function demoForecast(city: (typeof demoCities)[number], days: number): DemoForecastDay[] {
  const climate = cityClimate[city];
  const cityIndex = demoCities.indexOf(city);
  const start = Date.parse(`${forecastStartDate}T00:00:00Z`);
  return Array.from({ length: days }, (_unused, day) => {
    const high = round(climate.high - 3 + unit(cityIndex, day, 1) * 6, 1);
    const raining = unit(cityIndex, day, 2) < climate.rainChance;
    return {
      city,
      date: new Date(start + day * 86_400_000).toISOString().slice(0, 10),
      temperatureHighC: high,
      temperatureLowC: round(high - 6 - unit(cityIndex, day, 3) * 5, 1),
      precipitationMm: raining ? round(1 + unit(cityIndex, day, 4) * 24, 1) : 0,
      condition: raining ? (conditions[3 + Math.floor(unit(cityIndex, day, 5) * 2)] as string) : (conditions[Math.floor(unit(cityIndex, day, 6) * 3)] as string),
    };
  });
}
