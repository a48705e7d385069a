import { describe, expect, it } from 'vitest'
import { classifyZohoHost, DATA_CENTER_IDS, DATA_CENTERS, dataCenterOfHost, isDataCenterId } from '../../src/desk/data-centers.js'

describe('DATA_CENTERS', () => {
  it('has one entry per id, keyed by its own id', () => {
    expect([...DATA_CENTER_IDS].sort()).toEqual(Object.keys(DATA_CENTERS).sort())
    for (const id of DATA_CENTER_IDS) expect(DATA_CENTERS[id].id).toBe(id)
  })

  it('maps every host in the table back to its data centre and role', () => {
    for (const id of DATA_CENTER_IDS) {
      const center = DATA_CENTERS[id]
      expect(classifyZohoHost(center.deskHost)).toEqual({ dataCenter: id, role: 'desk' })
      expect(classifyZohoHost(center.accountsHost)).toEqual({ dataCenter: id, role: 'accounts' })
      expect(classifyZohoHost(center.portalAccountsHost)).toEqual({ dataCenter: id, role: 'portal-accounts' })
    }
  })

  it('has the Canada exception and the confirmed hosts of facts §3.2', () => {
    expect(DATA_CENTERS.ca).toMatchObject({ deskHost: 'desk.zohocloud.ca', accountsHost: 'accounts.zohocloud.ca' })
    expect(DATA_CENTERS.au).toMatchObject({
      deskHost: 'desk.zoho.com.au',
      accountsHost: 'accounts.zoho.com.au',
      portalAccountsHost: 'accounts.zohoportal.com.au',
    })
    expect(DATA_CENTERS.cn.deskHost).toBe('desk.zoho.com.cn')
    expect(DATA_CENTERS.us.unconfirmed).toEqual([])
    expect(DATA_CENTERS.uk.unconfirmed).toContain('desk')
  })
})

describe('dataCenterOfHost', () => {
  it.each([
    ['desk.zoho.com', 'us'],
    ['desk.zoho.eu', 'eu'],
    ['DESK.ZOHO.EU', 'eu'],
    ['desk.zoho.eu:443', 'eu'],
    ['desk.zoho.eu.', 'eu'],
    ['https://desk.zoho.in/portal/api/web/asapApp/1?orgId=2', 'in'],
    ['desk.zoho.com.au', 'au'],
    ['accounts.zoho.com.cn', 'cn'],
    ['accounts.zohoportal.com', 'us'],
    ['accounts.zohoportal.eu', 'eu'],
    ['desk.zohocloud.ca', 'ca'],
    ['accounts.zohocloud.ca', 'ca'],
    ['accounts.zohoportal.ca', 'ca'],
    ['desk.zoho.jp', 'jp'],
    ['desk.zoho.sa', 'sa'],
    ['desk.zoho.sg', 'sg'],
    ['desk.zoho.ae', 'ae'],
    ['accounts.zoho.uk', 'uk'],
    ['help.zoho.com', 'us'],
    ['forms.zohopublic.eu', 'eu'],
    ['static.zohocdn.com', undefined],
    ['js.zohostatic.com', undefined],
    ['support.example.com', undefined],
    ['desk.zoho.ca', undefined],
    ['notzoho.com', undefined],
    ['zoho.com.evil.net', undefined],
    ['', undefined],
  ])('%s → %s', (host, expected) => {
    expect(dataCenterOfHost(host)).toBe(expected)
  })

  it('classifies other Zoho hosts as role other', () => {
    expect(classifyZohoHost('help.zoho.eu')).toEqual({ dataCenter: 'eu', role: 'other' })
  })
})

describe('isDataCenterId', () => {
  it('accepts the ids only', () => {
    expect(isDataCenterId('eu')).toBe(true)
    expect(isDataCenterId('EU')).toBe(false)
    expect(isDataCenterId('gb')).toBe(false)
  })
})
