/**
 * The first-run setup's strings, zh-CN first, English available; `Record<SetupKey, string>` makes a
 * missing English string a type error. OBS failure reasons reuse the console's words (obs.reason.*).
 */
import { useCallback } from 'react';
import { translate } from '../i18n';
import { useStudio } from '../store/studio';

const zhCN = {
  'setup.title': '开播向导',
  'setup.intro': '四步把直播间准备好：连上 OBS、把商品卡放进画面、填好推流地址、选好直播间。每一步随时可以回来改。',
  'setup.open': '打开开播向导',
  'setup.openHint': '重新检查 OBS、叠加层、推流地址和直播间；再运行一次会修复缺失或改坏的叠加层。',
  'setup.steps': '步骤',
  'setup.done': '已完成',
  'setup.todo': '未完成',
  'setup.next': '下一步',
  'setup.back': '上一步',
  'setup.finish': '完成，去直播',
  'setup.later': '稍后再说',
  'step.obs': '连接 OBS',
  'step.overlays': '叠加层',
  'step.stream': '推流地址',
  'step.room': '直播间',
  'obs.looking': '正在 {address} 查找 OBS…',
  'obs.found': '已连接 OBS {obs}（WebSocket {websocket}）',
  'obs.where':
    '在 OBS 里打开 工具 → WebSocket 服务器设置，勾选“启用 WebSocket 服务器”；点“显示连接信息”可以看到端口和密码，填到下面。',
  'obs.retry': '连接',
  'obs.findAgain': '重新查找',
  'overlays.scene': '放到哪个场景',
  'overlays.program': '{scene}（当前直播画面）',
  'overlays.which': '要哪些叠加层',
  'overlays.name.product': '商品卡',
  'overlays.name.chat': '评论',
  'overlays.name.orders': '订单',
  'overlays.name.goal': '目标',
  'overlays.preview': '实时预览（1920×1080 画面缩小显示）',
  'overlays.look': '样式',
  'overlays.theme': '主题',
  'overlays.theme.light': '浅色',
  'overlays.theme.dark': '深色',
  'overlays.brand': '品牌色',
  'overlays.x': '左边距',
  'overlays.y': '上边距',
  'overlays.scale': '大小',
  'overlays.put': '放进 OBS',
  'overlays.putting': '正在放进 OBS…',
  'overlays.copy': '复制{name}地址',
  'overlays.copied': '已复制{name}地址',
  'overlays.manual': '也可以手动添加：在 OBS 里新建“浏览器”来源，粘贴地址，宽 1920、高 1080。',
  'overlays.report': '已放进场景“{scene}”：新建 {created} 个，修复 {repaired} 个，原本就好 {unchanged} 个。',
  'overlays.imageSource':
    '这个 OBS 没有浏览器来源：商品卡以图片来源显示，讲解时自动切换；评论、订单和目标需要有浏览器来源的 OBS（Windows、macOS 版）。',
  'overlays.needObs': '先连接 OBS。',
  'stream.paste': '粘贴平台给的推流地址',
  'stream.pasteHint':
    '小红书、抖音、视频号等平台开播时会给一行 rtmp://… 地址（或者“服务器”和“推流码”两项）。整行粘贴即可，买手直播台会自动拆成服务器和推流码。',
  'stream.key': '推流码（平台分开给时填写）',
  'stream.save': '保存推流地址',
  'stream.saved': '服务器 {server} · 推流码 {key}（已加密保存，不会再显示）',
  'stream.savedKey': '已加密保存',
  'stream.test': '测试推流 10 秒',
  'stream.testing': '测试推流中… {seconds} 秒',
  'stream.testBusy': '正在直播，不能测试推流。',
  'stream.testNeedsKey': '先保存推流地址。',
  'stream.result.good': '推流正常：平均码率 {kbps} kbps，丢帧 {dropped} 帧（{percent}%）。',
  'stream.result.weak': '推流不太稳：平均码率 {kbps} kbps，丢帧 {dropped} 帧（{percent}%）。建议换有线网络或调低码率。',
  'stream.result.bad': '推流很差：丢帧 {dropped} 帧（{percent}%），平均码率 {kbps} kbps。请检查网络和推流地址。',
  'stream.result.none': '测试时没有数据发出去：请检查推流地址是否过期、网络是否通。',
  'room.choose': '弹幕和订单从哪里来',
  'room.demo': '演示直播间（模拟观众，用来彩排；场次记为彩排）',
  'room.remote': '团队网关（填写网关地址、房间和读取令牌）',
  'room.bridge':
    '本机桥接（不连网关、没有模拟观众：自己的脚本、工具或 Social Stream Ninja 把评论和订单推给工作台，不需要公网服务器）',
  'room.bridgeOwn': '自己的程序或脚本',
  'room.bridgeOwnHint':
    '生成一个桥接令牌：它只能推送直播事件，不能做别的操作；令牌只显示这一次，可在“设置 → 席位”撤销。',
  'room.bridgeCreate': '生成桥接令牌',
  'room.bridgeLabel': '本机桥接',
  'room.bridgeUrl': '推送地址',
  'room.bridgeToken': '桥接令牌',
  'room.copy': '复制',
  'room.bridgePaste':
    '填到你的程序里：用 POST 把事件发到推送地址，请求头写 Authorization: Bearer 加令牌，正文是 1–500 条事件的 JSON 数组（格式同网关接入，协议 B）。例如：',
  'room.bridgeWaiting': '等待第一条事件…',
  'room.bridgeLive': '已收到事件（最近一分钟 {n} 条）',
  'room.ssn': 'Social Stream Ninja（汇集 120 多个网站的评论）',
  'room.ssnPaste':
    '在 SSN 的 Global settings → Mechanics 打开“Enable remote API control of extension”和“Send chat messages to API server”，再把 dock.html 地址里 session= 后面的会话 ID 填在下面。会话 ID 等同密码，不要外传。',
  'room.ssnSession': 'SSN 会话 ID',
  'room.ssnRelay': '中继地址（可选，自建中继时填写）',
  'room.ssnAdd': '连接 SSN',
  'room.ssnState': '{label}：{state}，已收到 {n} 条',
  'room.demoAlongside': '演示直播间的模拟观众还在发言：点“只用本机桥接”停掉它。',
  'room.remoteAlongside': '团队网关的评论和订单会和桥接的一起显示；只用桥接请点“只用本机桥接”。',
  'room.localOnly':
    '仅本机桥接：不连网关，没有模拟观众。评论和订单只来自下面的桥接；场次照常记录，不算彩排；商品请自己导入。',
  'room.goal': '目标金额（元，目标叠加层显示进度）',
  'room.goalNone': '不设目标',
  'room.goalSaved': '目标已设为 {amount}',
  'room.apply': '保存目标',
} as const;

export type SetupKey = keyof typeof zhCN;

const en: Record<SetupKey, string> = {
  'setup.title': 'Go-live setup',
  'setup.intro':
    'Four steps to a ready studio: connect OBS, put the product card on screen, set where to stream, choose the live room. Come back to any step at any time.',
  'setup.open': 'Open the go-live setup',
  'setup.openHint':
    'Checks OBS, overlays, the stream address and the live room again; running it again repairs missing or broken overlays.',
  'setup.steps': 'Steps',
  'setup.done': 'done',
  'setup.todo': 'to do',
  'setup.next': 'Next',
  'setup.back': 'Back',
  'setup.finish': 'Done, go live',
  'setup.later': 'Later',
  'step.obs': 'Connect OBS',
  'step.overlays': 'Overlays',
  'step.stream': 'Where to stream',
  'step.room': 'Live room',
  'obs.looking': 'Looking for OBS at {address}…',
  'obs.found': 'Connected to OBS {obs} (WebSocket {websocket})',
  'obs.where':
    'In OBS open Tools → WebSocket Server Settings and tick "Enable WebSocket server"; "Show Connect Info" shows the port and password to enter below.',
  'obs.retry': 'Connect',
  'obs.findAgain': 'Look again',
  'overlays.scene': 'Scene to put them in',
  'overlays.program': '{scene} (on air now)',
  'overlays.which': 'Overlays',
  'overlays.name.product': 'Product card',
  'overlays.name.chat': 'Chat',
  'overlays.name.orders': 'Orders',
  'overlays.name.goal': 'Goal',
  'overlays.preview': 'Live preview (the 1920×1080 picture, scaled down)',
  'overlays.look': 'Look',
  'overlays.theme': 'Theme',
  'overlays.theme.light': 'Light',
  'overlays.theme.dark': 'Dark',
  'overlays.brand': 'Brand colour',
  'overlays.x': 'Left',
  'overlays.y': 'Top',
  'overlays.scale': 'Size',
  'overlays.put': 'Put them in OBS',
  'overlays.putting': 'Putting them in OBS…',
  'overlays.copy': 'Copy {name} URL',
  'overlays.copied': 'Copied the {name} URL',
  'overlays.manual': 'Or add them by hand: a new "Browser" source in OBS with the URL, width 1920, height 1080.',
  'overlays.report': 'In scene "{scene}": {created} created, {repaired} repaired, {unchanged} already fine.',
  'overlays.imageSource':
    'This OBS has no browser source: the product card is shown as an image source that follows every pin; chat, orders and goal need an OBS with browser sources (Windows, macOS).',
  'overlays.needObs': 'Connect OBS first.',
  'stream.paste': "Paste the platform's push address",
  'stream.pasteHint':
    'Xiaohongshu, Douyin, WeChat Channels and others give one rtmp://… line when you go live (or a "server" and a "stream key"). Paste the whole line; the studio splits it into server and key.',
  'stream.key': 'Stream key (when given separately)',
  'stream.save': 'Save the push address',
  'stream.saved': 'Server {server} · key {key} (sealed, never shown again)',
  'stream.savedKey': 'sealed',
  'stream.test': 'Test broadcast, 10 s',
  'stream.testing': 'Test broadcast… {seconds} s',
  'stream.testBusy': 'Live now: no test broadcast.',
  'stream.testNeedsKey': 'Save a push address first.',
  'stream.result.good': 'Stream is fine: {kbps} kbps on average, {dropped} frames dropped ({percent}%).',
  'stream.result.weak':
    'Stream is shaky: {kbps} kbps on average, {dropped} frames dropped ({percent}%). Try a wired network or a lower bitrate.',
  'stream.result.bad':
    'Stream is poor: {dropped} frames dropped ({percent}%), {kbps} kbps on average. Check the network and the push address.',
  'stream.result.none':
    'Nothing went out during the test: check that the push address has not expired and the network.',
  'room.choose': 'Where chat and orders come from',
  'room.demo': 'Demo room (a simulated audience for rehearsals; sessions count as rehearsals)',
  'room.remote': "The team's gateway (gateway URL, room and read token)",
  'room.bridge':
    'Local bridge (no gateway, no simulated audience: your own script or tool, or Social Stream Ninja, posts chat and orders to the studio; no public server needed)',
  'room.bridgeOwn': 'Your own program or script',
  'room.bridgeOwnHint':
    'Creates a bridge token: it can only post live events, nothing else. It is shown this once; revoke it in Settings → Seats.',
  'room.bridgeCreate': 'Create a bridge token',
  'room.bridgeLabel': 'Local bridge',
  'room.bridgeUrl': 'Push address',
  'room.bridgeToken': 'Bridge token',
  'room.copy': 'Copy',
  'room.bridgePaste':
    'Paste into your program: POST events to the push address with the header Authorization: Bearer and the token; the body is a JSON array of 1–500 events (the gateway ingestion format, PROTOCOL B). For example:',
  'room.bridgeWaiting': 'Waiting for the first event…',
  'room.bridgeLive': 'Events arriving ({n} in the last minute)',
  'room.ssn': 'Social Stream Ninja (comments from 120+ sites)',
  'room.ssnPaste':
    'In SSN, Global settings → Mechanics, turn on "Enable remote API control of extension" and "Send chat messages to API server", then enter the session ID (the session= part of the dock.html address) below. The session ID is a password: keep it private.',
  'room.ssnSession': 'SSN session ID',
  'room.ssnRelay': 'Relay address (optional, for a self-hosted relay)',
  'room.ssnAdd': 'Connect SSN',
  'room.ssnState': '{label}: {state}, {n} received',
  'room.demoAlongside':
    "The demo room's simulated audience is still talking: press “Use local bridges only” to stop it.",
  'room.remoteAlongside':
    "The team gateway's comments and orders show alongside the bridges'; for bridges alone press “Use local bridges only”.",
  'room.localOnly':
    'Local bridges only: no gateway, no simulated audience. Comments and orders come only from the bridges below; sessions are recorded as usual, not as rehearsals; import your own products.',
  'room.goal': 'Goal (yuan; the goal overlay shows progress)',
  'room.goalNone': 'No goal',
  'room.goalSaved': 'Goal set to {amount}',
  'room.apply': 'Save the goal',
};

const UI = { 'zh-CN': zhCN as Record<SetupKey, string>, en };

export type SetupT = (key: SetupKey, vars?: Record<string, string | number>) => string;

export function setupTranslate(lang: 'zh-CN' | 'en', key: SetupKey, vars?: Record<string, string | number>): string {
  const text = UI[lang][key] ?? zhCN[key];
  return vars ? text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`)) : text;
}

export function useSetupT(): SetupT {
  const lang = useStudio((s) => s.language);
  return useCallback((key, vars) => setupTranslate(lang, key, vars), [lang]);
}

export { translate };
