/**
 * Command line: `tsx src/demo/build-stock-prices-command.ts [--csv path] [--out path]`. Rebuilds the
 * shipped S&P 500 prices (datasets/sp500/all_stocks_5yr.parquet) from the Kaggle all_stocks_5yr CSV;
 * datasets/sp500/NOTICE.md says where the CSV comes from.
 */
import { parseArgs } from 'node:util';
import { buildStockPriceParquet, shippedStockPricesPath } from './stock-price-dataset.js';

const { values } = parseArgs({
  options: {
    csv: { type: 'string', default: '../shared/data/sp500/all_stocks_5yr.csv.gz' },
    out: { type: 'string', default: shippedStockPricesPath() },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: tsx src/demo/build-stock-prices-command.ts [--csv all_stocks_5yr.csv.gz] [--out datasets/sp500/all_stocks_5yr.parquet]');
  process.exit(0);
}

try {
  const started = performance.now();
  const result = await buildStockPriceParquet(values.csv, values.out);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`Wrote ${values.out}: ${result.rows.toLocaleString('en-US')} rows, ${result.tickers} tickers, ${result.bytes.toLocaleString('en-US')} bytes in ${seconds} s`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
