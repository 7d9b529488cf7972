import type { AnyToolDefinition } from './define-tool.js';
import { cancelBuildTool } from './cancel-build.js';
import { configureAppTool } from './configure-app.js';
import { createBuildTool } from './create-build.js';
import { createSecretTool } from './create-secret.js';
import { deleteAppTool } from './delete-app.js';
import { deleteSecretTool } from './delete-secret.js';
import { getAppTool } from './get-app.js';
import { doctorTool } from './doctor.js';
import { getBuildTool } from './get-build.js';
import { getDraftTool } from './get-draft.js';
import { getVersionTool } from './get-version.js';
import { invokeTool } from './invoke.js';
import { listAppsTool } from './list-apps.js';
import { listBuildsTool } from './list-builds.js';
import { listSecretsTool } from './list-secrets.js';
import { listVersionsTool } from './list-versions.js';
import { publishDraftTool } from './publish-draft.js';
import { readAppLogsTool } from './read-app-logs.js';
import { readBuildLogsTool } from './read-build-logs.js';
import { rollbackAppTool } from './rollback-app.js';
import { saveImageDraftTool } from './save-image-draft.js';
import { testDraftTool } from './test-draft.js';
import { uploadContextTool } from './upload-context.js';

/** Every tool, in the order of the workflow. The one list; a test asserts the exact names. */
export const TOOLS: readonly AnyToolDefinition[] = [
  configureAppTool,
  uploadContextTool,
  createBuildTool,
  getBuildTool,
  listBuildsTool,
  cancelBuildTool,
  readBuildLogsTool,
  saveImageDraftTool,
  getDraftTool,
  testDraftTool,
  publishDraftTool,
  invokeTool,
  readAppLogsTool,
  // The lifecycle around the workflow: secrets for private sources, versions and rollback, apps.
  createSecretTool,
  listSecretsTool,
  deleteSecretTool,
  listVersionsTool,
  getVersionTool,
  rollbackAppTool,
  listAppsTool,
  getAppTool,
  deleteAppTool,
  doctorTool,
];
