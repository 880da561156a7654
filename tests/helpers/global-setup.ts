// Once per test run: when DATABASE_URL points at a real PostgreSQL, create a migrated template
// database with a unique name; every test file clones it into its own database. Dropped at the end.
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../core/log';
import { prepareDatabase } from '../../db/migrate';
import { adminQuery, databaseUrlFor } from './pg-admin';

declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string | null;
  }
}

export default async function setup(project: TestProject) {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    project.provide('pgTemplate', null);
    return;
  }
  const name = `tgs_tpl_${Date.now().toString(36)}_${process.pid}`;
  await adminQuery(baseUrl, `create database "${name}"`);
  const handle = await prepareDatabase({ url: databaseUrlFor(baseUrl, name), log: createLogger({ level: 'warn' }) });
  await handle.close();
  project.provide('pgTemplate', name);
  return async () => {
    await adminQuery(baseUrl, `drop database if exists "${name}" with (force)`);
  };
}
