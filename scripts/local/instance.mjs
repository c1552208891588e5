// The seed's iContact instance body (../shared/data/seed/icontact-instance.json), made
// runnable: its URLs without the stray "}'", a refresh interval instead of "<minutes>",
// local credentials, the local API as base.url, the local receiver as callback, a
// signature key; and contacts follow their updateDate (the seed used createDate twice,
// which cannot see updates: the validator's same-date-field note).
import { CREDENTIALS } from './icontact-api.mjs';

export function localInstance({ apiUrl, callbackUrl, signatureKey = 'local-signature-key' }) {
  return {
    element: { key: 'icontact' },
    providerData: { code: '<AUTHORIZATION_GRANT_CODE>' },
    configuration: {
      'api.version': CREDENTIALS['api-version'],
      AppID: CREDENTIALS['api-appid'],
      'api.username': CREDENTIALS['api-username'],
      'api.password': CREDENTIALS['api-password'],
      'base.url': apiUrl,
      'event.notification.enabled': true,
      'event.vendor.type': 'polling',
      'event.notification.callback.url': callbackUrl,
      'event.notification.signature.key': signatureKey,
      'event.poller.refresh_interval': '1',
      'event.poller.configuration': {
        contacts: { url: '/hubs/general/contacts', idField: 'contactId', pageSize: 50, datesConfiguration: {
          updatedDateField: 'updateDate', updatedDateFormat: "yyyy-MM-dd' 'HH:mm:ss", createdDateField: 'createDate', createdDateFormat: "yyyy-MM-dd' 'HH:mm:ss" } },
        message: { url: '/hubs/general/messages', idField: 'messageId', datesConfiguration: {
          updatedDateField: 'createDate', updatedDateFormat: "yyyy-MM-dd'T'HH:mm:ssXXX", createdDateField: 'createDate', createdDateFormat: "yyyy-MM-dd'T'HH:mm:ssXXX" } },
      },
    },
    tags: ['local'],
    name: 'Local iContact',
  };
}
