import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, ResourcePatternTypes } from 'kafkajs';
import { Grant, Operation, PatternKind, ResourceKind } from './access-table';

const RESOURCE: Record<ResourceKind, AclResourceTypes> = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP, cluster: AclResourceTypes.CLUSTER };
const PATTERN: Record<PatternKind, ResourcePatternTypes> = { literal: ResourcePatternTypes.LITERAL, prefixed: ResourcePatternTypes.PREFIXED };
const OPERATION: Record<Operation, AclOperationTypes> = {
  READ: AclOperationTypes.READ,
  WRITE: AclOperationTypes.WRITE,
  CREATE: AclOperationTypes.CREATE,
  DESCRIBE: AclOperationTypes.DESCRIBE,
};
/** Requests stay well below the broker's request size limit. */
const CHUNK = 2_000;

function toAcl(grant: Grant) {
  return {
    resourceType: RESOURCE[grant.resource],
    resourceName: grant.name,
    resourcePatternType: PATTERN[grant.pattern],
    principal: `User:${grant.principal}`,
    host: '*',
    operation: OPERATION[grant.operation],
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/**
 * Creates the ACLs of `grants` through `admin` (a super user). Creating an ACL that exists already changes
 * nothing, so this is safe to repeat. Resolves once the broker reports the last of them, so the
 * authorizer enforces all of them (a single node applies the metadata log in order).
 */
export async function applyGrants(admin: Admin, grants: readonly Grant[], timeoutMs = 30_000): Promise<void> {
  for (let start = 0; start < grants.length; start += CHUNK) {
    await admin.createAcls({ acl: grants.slice(start, start + CHUNK).map(toAcl) });
  }
  const last = grants[grants.length - 1];
  if (last) await waitUntilVisible(admin, last, true, timeoutMs);
}

/** Deletes exactly the ACLs of `grants` (nothing that merely matches them) and waits until they are gone. */
export async function removeGrants(admin: Admin, grants: readonly Grant[], timeoutMs = 30_000): Promise<void> {
  for (let start = 0; start < grants.length; start += CHUNK) {
    await admin.deleteAcls({ filters: grants.slice(start, start + CHUNK).map(toAcl) });
  }
  const last = grants[grants.length - 1];
  if (last) await waitUntilVisible(admin, last, false, timeoutMs);
}

async function waitUntilVisible(admin: Admin, grant: Grant, present: boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const described = await admin.describeAcls(toAcl(grant));
    const found = described.resources.some((resource) => resource.acls.length > 0);
    if (found === present) return;
    if (Date.now() > deadline) throw new Error(`the broker did not ${present ? 'apply' : 'remove'} the ACLs within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
