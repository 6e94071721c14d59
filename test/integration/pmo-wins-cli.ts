/** Runs the compiled `pmo-wins` command as a user would, signed in to the demo Jira as the app. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = resolve(__dirname, '../../bin/pmo-wins.js');

export const DEMO_APP_ENV = { ...process.env, JIRA_EMAIL: 'app@demo.test', JIRA_API_TOKEN: 'demo-app-token' };

/** The command's exit code and output; a failing command is an answer, not an exception. */
export async function pmoWins(args: string[], env: Record<string, string | undefined> = DEMO_APP_ENV) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
