import { environmentSchema } from './environment-schema.js';
import { settingSections, type EnvironmentSetting, type SettingSection } from './environment-setting.js';

/** Where the document lives, from the project root. */
export const settingsDocumentPath = 'docs/settings.md';

const introduction = [
  '# Settings',
  '',
  '<!-- Generated from src/config/environment-schema.ts by `npm run docs:settings`: edit the schema, not this file. -->',
  '',
  'Switchyard reads its settings from the environment once, at start-up, and stops with a one-line error',
  'when one is wrong: `SWY_ERR_CONFIG_INVALID` names the variable, the value and what it accepts (a value',
  'that may be a secret is not repeated), and `SWY_ERR_CONFIG_UNKNOWN_SETTING` names a `SWITCHYARD_`',
  'variable that is no setting, with the one it most likely meant, so a misspelt setting is never',
  'ignored. A blank value counts as unset.',
  '',
  '`sources.yaml` may read further variables as `${NAME}` or `${NAME:-default}` (passwords, tokens);',
  'a `SWITCHYARD_` variable it reads that way is its own and not reported. It can also read',
  '`${SWITCHYARD_DEMO_API_URL}`, the address of the demo\'s product API, which the service sets when it',
  'starts that server. Secrets are marked below; none is ever logged.',
];

/** Table cell text: a pipe would end the cell. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|');
}

function row(setting: EnvironmentSetting<unknown>): string {
  const meaning = setting.secret ? `${setting.description} *Secret.*` : setting.description;
  return `| \`${setting.variable}\` | ${cell(setting.defaultText)} | ${cell(setting.allowed)} | ${cell(meaning)} |`;
}

/** docs/settings.md: every declared setting by section, with its default, what it accepts and what it does. */
export function renderSettingsDocument(): string {
  const settings: EnvironmentSetting<unknown>[] = Object.values(environmentSchema);
  const sections = (Object.keys(settingSections) as SettingSection[]).flatMap((section) => [
    '',
    `## ${settingSections[section]}`,
    '',
    '| Variable | Default | Accepts | Meaning |',
    '|---|---|---|---|',
    ...settings.filter((setting) => setting.section === section).map(row),
  ]);
  return `${[...introduction, ...sections].join('\n')}\n`;
}
