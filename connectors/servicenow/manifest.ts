/**
 * What the ServiceNow connector needs in the manifest (import-free, read by the build config): instances
 * on ServiceNow's commercial and regulated-cloud domains (reference §1.4). Its content scripts stay off the
 * login, MFA and export pages, as SN Utils does.
 */
export const serviceNowManifest = {
  hostPermissions: ['https://*.service-now.com/*', 'https://*.servicenowservices.com/*'],
  /**
   * Instances on a customer's own domain: the admin allows that one origin from the popup (an optional host
   * permission); `activeTab` lets the popup see the tab's address first, `scripting` registers the content
   * scripts on the allowed origin.
   */
  optionalHostPermissions: ['https://*/*'],
  permissions: ['activeTab', 'scripting'],
  contentMatches: ['https://*.service-now.com/*', 'https://*.servicenowservices.com/*'],
  contentExcludeMatches: [
    '*://*/login.do*',
    '*://*/validate_multifactor_auth_code.do*',
    '*://*/*?XML*',
    '*://*/*&XML*',
    '*://*/*?WSDL*',
    '*://*/*&WSDL*',
    '*://*/api/now/*',
    '*://*/xmlstats.do*',
  ],
};
