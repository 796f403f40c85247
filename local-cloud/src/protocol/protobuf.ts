import protobuf from 'protobufjs';
import { CloudError, ErrorCodes } from './errors';

/**
 * The `wx.openApi` envelope, field numbers as compiled into wx-server-sdk 4.0.2
 * (`src/protobuf/openapi.js`): the SDK encodes `CommApiData` into the multipart field
 * `requestData` and decodes the answer body as `CommOpenApiResp`.
 */
const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    // A svrkit call (e.g. `cloud.getOpenData`): an internal API name and its own protobuf request.
    SvrkitApiData: { fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'ApiType', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        // Messages in the SDK that local cloud never reads: declared as bytes so their wire type is still checked.
        innerData: { type: 'bytes', id: 3 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        tokenData: { type: 'bytes', id: 5 },
        appid: { type: 'string', id: 6 },
      },
      nested: { ApiType: { values: { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } } },
    },
    // `cloud.getOpenData({ list })`: svrkit API ApiGetOpenDataByCloudId.
    ApiGetOpenDataByCloudIdReq: { fields: { cloudidList: { rule: 'repeated', type: 'string', id: 2 }, appid: { type: 'string', id: 3 } } },
    OpDataItem: { fields: { cloudId: { type: 'string', id: 1 }, json: { type: 'string', id: 2 } } },
    ApiGetOpenDataByCloudIdResp: { fields: { dataList: { rule: 'repeated', type: 'OpDataItem', id: 1 } } },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

root.resolveAll();
const CommApiDataType = root.lookupType('CommApiData');
const CommOpenApiRespType = root.lookupType('CommOpenApiResp');

export const API_TYPE_OPEN_API = 0;
export const API_TYPE_SVRKIT_API = 2;

export interface ApiPair {
  key: string;
  value: Buffer;
  contentType?: string;
  filename?: string;
}

export interface CommApiData {
  apiType: number;
  pairs: ApiPair[];
  /** A svrkit call's API name and request bytes (apiType SVRKIT_API). */
  svrkit?: { apiName: string; reqData: Buffer };
  appid?: string;
}

interface DecodedPair {
  key?: string;
  value?: Uint8Array;
  contenttype?: string;
  filename?: string;
}

/**
 * protobufjs decodes by declared type without checking wire types, so garbage often "decodes".
 * Walk the wire format first and refuse a field of `type` carried with another wire type than its
 * declared type's (nested messages checked the same way).
 */
function checkWireShape(bytes: Uint8Array, type: protobuf.Type): void {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const id = tag >>> 3;
    const wireType = tag & 7;
    if (id === 0) throw new Error('field number 0');
    const field = type.fieldsById[id];
    const nested = field?.resolvedType instanceof protobuf.Type ? field.resolvedType : null;
    if (field) {
      const expected = nested ? 2 : field.resolvedType instanceof protobuf.Enum ? 0 : (protobuf.types.basic as Record<string, number>)[field.type];
      if (expected !== wireType) throw new Error(`field ${id} has wire type ${wireType}, expected ${expected}`);
    }
    if (nested) checkWireShape(reader.bytes(), nested);
    else reader.skipType(wireType);
  }
}

/** Decodes `requestData`; bytes that are not a CommApiData become INVALID_PARAM, never a crash. */
export function decodeCommApiData(bytes: Buffer): CommApiData {
  let message: protobuf.Message;
  try {
    checkWireShape(bytes, CommApiDataType);
    message = CommApiDataType.decode(bytes);
  } catch (err) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, `requestData is not a valid CommApiData protobuf: ${(err as Error).message}`);
  }
  const plain = CommApiDataType.toObject(message, { defaults: true, arrays: true }) as {
    apiType: number;
    openapiData?: { pairs?: DecodedPair[] } | null;
    svrkitData?: { apiName?: string; reqData?: Uint8Array } | null;
    appid?: string;
  };
  const pairs = (plain.openapiData?.pairs ?? []).map((p): ApiPair => {
    if (!p.key) throw new CloudError(ErrorCodes.INVALID_PARAM, 'requestData has a pair without a key');
    return {
      key: p.key,
      value: Buffer.from(p.value ?? new Uint8Array()),
      ...(p.contenttype ? { contentType: p.contenttype } : {}),
      ...(p.filename ? { filename: p.filename } : {}),
    };
  });
  const svrkit = plain.svrkitData?.apiName ? { apiName: plain.svrkitData.apiName, reqData: Buffer.from(plain.svrkitData.reqData ?? new Uint8Array()) } : undefined;
  return { apiType: plain.apiType, pairs, ...(svrkit ? { svrkit } : {}), ...(plain.appid ? { appid: plain.appid } : {}) };
}

const GetOpenDataReqType = root.lookupType('ApiGetOpenDataByCloudIdReq');
const GetOpenDataRespType = root.lookupType('ApiGetOpenDataByCloudIdResp');

/** The CloudIDs of a `cloud.getOpenData` request; bytes that do not decode are INVALID_PARAM. */
export function decodeGetOpenDataReq(bytes: Buffer): string[] {
  try {
    const plain = GetOpenDataReqType.toObject(GetOpenDataReqType.decode(bytes), { arrays: true }) as { cloudidList?: string[] };
    return plain.cloudidList ?? [];
  } catch (err) {
    throw new CloudError(ErrorCodes.INVALID_PARAM, `reqData is not a valid ApiGetOpenDataByCloudIdReq: ${(err as Error).message}`);
  }
}

/** One item per CloudID, its open data as the JSON text the SDK parses. */
export function encodeGetOpenDataResp(items: Array<{ cloudId: string; json: string }>): Buffer {
  return Buffer.from(GetOpenDataRespType.encode(GetOpenDataRespType.fromObject({ dataList: items })).finish());
}

/** Test/tool helper: what the SDK sends. */
export function encodeCommApiData(data: CommApiData): Buffer {
  const message = CommApiDataType.fromObject({
    apiType: data.apiType,
    openapiData: {
      pairs: data.pairs.map((p) => ({ key: p.key, value: p.value, contenttype: p.contentType, filename: p.filename })),
    },
    appid: data.appid,
  });
  return Buffer.from(CommApiDataType.encode(message).finish());
}

export interface CommOpenApiResp {
  respData: Buffer;
  contentType: string;
  /** Non-zero means a platform (not WeChat API) failure; the SDK throws with this as errCode. */
  errorCode?: number;
}

export function encodeCommOpenApiResp(resp: CommOpenApiResp): Buffer {
  const message = CommOpenApiRespType.fromObject({
    respData: resp.respData,
    contentType: resp.contentType,
    ...(resp.errorCode ? { errorCode: resp.errorCode } : {}),
    httpCode: 200,
  });
  return Buffer.from(CommOpenApiRespType.encode(message).finish());
}

export function decodeCommOpenApiResp(bytes: Buffer): CommOpenApiResp {
  const plain = CommOpenApiRespType.toObject(CommOpenApiRespType.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
  };
  return { respData: Buffer.from(plain.respData), contentType: plain.contentType, errorCode: plain.errorCode };
}
