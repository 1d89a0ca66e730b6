export { decideAccess, tokenOf, refusedBody, viewerName, type Access, type AccessRequest, type TokenCheck, type TokenHit } from './access';
export { WallTokens, hashToken, TOKEN_PREFIX, WALL_TOKENS_KEY } from './tokens';
export { readWallSettings, writeWallSettings } from './settings';
export { wallDayOf } from './day';
export { wallUrls, type NetIf } from './urls';
export { readWallDisplay, chooseWallDisplay, recordWallDisplays, WALL_DISPLAY_KEY, WALL_DISPLAYS_KEY } from './displays';
