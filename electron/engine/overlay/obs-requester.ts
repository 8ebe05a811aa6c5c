/** What the overlay's OBS code needs of a connection, and the prefix that marks the studio's own sources. */

/** Raw obs-websocket-js (`obs.call`) and the OBS module's connection both fit. */
export interface ObsRequester {
  // biome-ignore lint/suspicious/noExplicitAny: obs-websocket replies are typed per request by the caller
  call(requestType: string, requestData?: Record<string, unknown>): Promise<any>;
}

/** Only sources whose names start with this are ever touched. */
export const OVERLAY_SOURCE_PREFIX = '买手直播台 · ';
