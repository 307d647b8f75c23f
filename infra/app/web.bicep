@description('The dashboard as a Static Web App; /api is routed to the linked function app, so the same relative URLs work.')
param name string
param location string
param tags object
param functionAppId string
param functionAppLocation string

resource web 'Microsoft.Web/staticSites@2022-09-01' = {
  name: name
  location: location
  tags: tags
  // Linked backends need the Standard plan.
  sku: {
    name: 'Standard'
    tier: 'Standard'
  }
  properties: {}

  resource api 'linkedBackends' = {
    name: 'api'
    properties: {
      backendResourceId: functionAppId
      region: functionAppLocation
    }
  }
}

output name string = web.name
output uri string = 'https://${web.properties.defaultHostname}'
