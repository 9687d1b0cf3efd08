// Public names for the Kiota-generated models and request builders (src/generated is Kiota output only).

export type { GraphLicensingClient } from './generated/graphLicensingClient.js';
export { createGraphLicensingClient } from './generated/graphLicensingClient.js';
export type { AssignLicensePostRequestBody as GroupAssignLicensePostRequestBody } from './generated/groups/item/assignLicense/index.js';
export type {
  AssignedLicense,
  BaseCollectionPaginationCountResponse,
  DirectoryObject,
  DirectoryObjectCollectionResponse,
  Entity,
  Group,
  GroupCollectionResponse,
  LicenseAssignmentState,
  LicenseDetails,
  LicenseDetailsCollectionResponse,
  LicenseProcessingState,
  LicenseUnitsDetail,
  ReferenceCreate,
  ServicePlanInfo,
  SubscribedSku,
  SubscribedSkuCollectionResponse,
  User,
  UserCollectionResponse,
} from './generated/models/index.js';
export type {
  BatchRequestContent,
  BatchRequestStep,
  BatchRequestStep_body as BatchRequestStepBody,
  BatchRequestStep_headers as BatchRequestStepHeaders,
  BatchResponseContent,
  BatchResponseStep,
  BatchResponseStep_body as BatchResponseStepBody,
  BatchResponseStep_headers as BatchResponseStepHeaders,
} from './generated/models/jsonBatch/index.js';
export type {
  ErrorDetails,
  InnerError,
  MainError,
  ODataError,
} from './generated/models/oDataErrors/index.js';
export type { AssignLicensePostRequestBody as UserAssignLicensePostRequestBody } from './generated/users/item/assignLicense/index.js';
