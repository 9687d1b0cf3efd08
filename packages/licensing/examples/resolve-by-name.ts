import { isLicensingError, resolveServicePlan, resolveSku } from '@entra-licensing/licensing';

const e3 = resolveSku('Microsoft 365 E3'); // display name: case, spaces and punctuation ignored
console.log(e3.skuPartNumber, resolveSku('spe_e3').skuId); // part number, any case; also by skuId
console.log(resolveServicePlan(e3, 'Microsoft Teams').servicePlanName); // also by plan id or plan name

try {
  resolveSku('Microsoft 365 E33');
} catch (error) {
  if (!isLicensingError(error)) throw error;
  console.log(error.code, error.field, error.value);
  console.log(error.suggestions?.slice(0, 2)); // "did you mean", closest first
}
