/**
 * The bundled rule set: words that point at an intent, with a weight, and words that make a comment a
 * question (or not). Chinese live-chat first, English too. Longer entries win over the shorter ones they
 * contain (see keyword-matcher), which is how exceptions are written: "掉色了" is a complaint, "掉色" a
 * material question. Weights: 1 hint, 2 usual, 3 decisive, 4 overrides a decisive word of another intent.
 */
import type { Intent } from './intent';

type Table = Partial<Record<Intent, Record<number, string>>>;

const table: Table = {
  price: {
    0.8: '价,多少,块,元',
    2: '价格,价位,单价,原价,几百,cost,报价报价,价呢,贵不贵,到手,多少一',
    3: '一盒多少,一瓶多少,一饼多少,一套多少,一条多少,一对多少,一件多少,一支多少,一罐多少,百以内,几钱,卖几,一共多少,总共多少,多少一件,价格说,说下价格,价格说一下,多少钱,什么价,啥价,报价,报个价,开价,几块,多少米,几位数,卖多少,蹲价,蹲个价,到手价,how much,price,价格多少,什么价格,多钱,多贵,贵吗,贵么,价钱,标价,怎么卖,报下价,报一下价,价格报,价格呢,多少银子,几块钱,pricing,how much is,what is the price',
    1.5: '以内,以下,一百多,几十块,百多',
  },
  size: {
    1: 'cm,合适吗,适合,能戴,能调,码,size,fit,穿s,穿m,穿l,穿xl,能用哪个,多少克,多少ml,垂感',
    1.5: '袖子,身材,膝盖,到哪,调到,xs,small,big,斤,kg,胖,显高,大一码,小一码,重不重,偏瘦,宽松,修身,大小,规格,寸,lbs,pounds,inch,waist,length,petite',
    2: '大码,偏大,偏小,身高,体重,多大,尺寸,显胖,显瘦,版型,能穿,腰围,胸围,胸大,手围,手腕,肩宽,肩窄,落肩,腿粗,松不松,紧不紧,骨架,小个子,oversize,宽多少,多宽,长度,多重,床用,height,臀围,腰粗,胯宽,胯大,大腿粗,胳膊粗,手臂粗,肉肉,长款,短款,中长款,衣长,裙长,肩线,紧身,合身,直径,周长,链长,毫升,装多少,几寸,英寸,穿不下,穿得下,放得下,装得下,显壮,显矮,显胯,显腿短,有松紧,松紧,sizing,how long,how big,dimensions,fits',
    3: '宽度,袖长,拖地,梨形,苹果型,微胖,true to size,run small,runs small,run big,runs big,fit big,fit small,哪个码,选码,腿长,多小,尺码,码数,什么码,哪个码,几码,多高,多长,裤长,容量,能穿吗,which size,what size,拍什么码,穿什么码,什么尺码,标准吗,多大尺寸,被吞,尺码表,尺寸表,几米的床,多大的床,哪个规格,什么规格,选哪个码,能穿下,斤能穿,斤穿,到脚踝,到小腿,size chart,what size should',
  },
  stock: {
    1: '有没有,没了',
    2: 'left,补,加点,还有,没抢到,抢不到,就剩,多备,剩,还能买,别的颜色,其他颜色,还有别的,几个颜色,哪些颜色,几个色,别的花色,其他花色,还会有,still have,any left',
    3: '再上,上一波,再来一波,手慢,还会再,restock,out of stock,available,卖没,抢完,秒没,没有了吗,补不补,还有伐,还有吗,还有没,有货,没货,补货,补了,返场,售罄,卖光,卖完,断货,缺货,库存,抢空,剩几,加库存,in stock,sold out,还有货,库存不足,码有没有,码还有,色有没有,断码,断了吗,码断了,还能拍,还能抢,还可以买,卖完了吗,没库存,补吗,补一波,再补,什么时候补,还会上,下次还有,多上点,多放点,再放点,色还有,色有货,码有货,有库存,back in stock,still available',
  },
  shipping: {
    1: '收到,送人',
    2: '到吗,发吗,现货,地址,合并,偏远,国外,新疆,西藏,江浙沪,隔天,能寄,寄到,香港,台湾,海外,次日,多久能,京东,中通,圆通,韵达,申通,邮政,ems,包裹,配送,送货,港澳,多快,express,overseas,international',
    3: '啥时候发,什么时候发,几号发,多久发,寄出,送到,到家,加急,到付,发海外,几天发,days to,arrive,when will it ship,什么时候到,发货,快递,顺丰,包邮,邮费,运费,运费险,几天到,能到,预售,多久能收到,改地址,延迟发,发出,当天发,明天发,今天发,物流,发什么,ship,shipping,deliver,delivery,几天能到,寄吗,能寄吗,发顺丰,多久到,多久能到,多久寄,啥时候到,啥时候寄,发货时间,发货地,从哪发,哪里发货,哪发货,发到,寄给,寄去,单独寄,一起发,合并发,单号,物流信息,现货吗,现货还是,什么快递,哪个快递,ship to,ships to,shipping to,do you ship,deliver to',
    1.5: '要几天,几天',
  },
  link: {
    1.5: '链接,link,在哪,在哪里,哪个是,车里',
    2: '找不到,没找到,挂了,上车,店铺,店里,上了吗,挂好,橱窗,没链接',
    3: '挂出来,发一下链接,链接发,点不开,下一个链接,which number,number is,几号,第几个,哪个链接,几号链接,哪里买,怎么买,挂车,上架,小黄车,求链接,链接呢,链接在哪,是几号,which link,where is the link,挂了没,挂了吗,哪一个,号就是,挂上,上车了吗,上车没,上架没,链接没,找不到链接,搜什么,怎么搜,搜不到,哪个号,是哪个号,what number,link pls,link please',
  },
  material: {
    1: '质量,光泽,摸着,silk,材料',
    1.5: 'silver,gold,纯,热,真丝,桑蚕丝,羊绒,羊毛,纯棉,亚麻',
    2: '镀,仿,real,闷,保暖,软,硬,凉,过敏,天然,发黑,皱,哑光,cashmere,cotton,wool,是纯,氧化,真的吗,手感,亲肤,柔软,厚实,质地,肤感,油腻,清爽,香味,味道,气味,产地,年份,正宗,保真,证书,鉴定,陶瓷,玻璃,不锈钢,塑料,化纤,涤纶,聚酯,莫代尔,粘胶,真皮,皮质,静电,刺挠,暖和吗,暖不暖,leather,plastic,sterling,hypoallergenic,什么茶',
    3: '掉毛,镀金,养殖,淡水,海水,仿真丝,made of,genuine,起皱,透气,凉快,是真的,真珍珠,纯亚麻,纯羊毛,纯棉吗,材质,面料,料子,成分,含棉,含量,起球,掉色,褪色,真金,纯银,缩水,扎人,扎不扎,透不透,透吗,薄不薄,厚吗,厚不厚,双面呢,姆米,酒精,香精,防腐剂,什么做的,material,fabric,pure,什么料,会不会氧化,掉不掉色,是真丝,是桑蚕丝,是不是纯,实心,空心,什么材质,什么面料,什么料子,是棉的,丝的吗,麻的吗,棉的吗,瓷的,陶的,银的吗,金的吗,包金,k金,足金,含毛,含绒,绒含量,羊毛含量,起静电,会褪色,变色,发黄,什么味,茶叶品种,什么品种,原产地,几年的,真假,走光,what material,real silk,is it silk,is it real,100%',
  },
  usage: {
    0.5: '用',
    1: '冷泡,岁,敏感',
    1.5: '多久,绑,安全,好喝,搭,泡,洗,戴着,点,冰箱,保质期,开封,男生,男士',
    2: '能用,搭配,卸妆,早晚,早上用,晚上用,当眼霜,注意,可以当,水洗,煮,how to,use,wash,存放,能当,能装,开水,打底,内搭,外搭,叠戴,叠穿,打理,烘干,晾,水温,几克,能煮,上妆,补涂,燃烧,care',
    3: '小孩,孩子,宝宝能,儿童,老人,混合皮,混干,痘痘肌,用多久,烧多久,穿搭,干洗,怎么冲,泡几,刺激,白天用,乳化,先用,后用,多少度,几度,makeup,apply,store,怎么绑,怎么戴,怎么穿,怎么用,用法,能用吗,可以用吗,肤质,敏感肌,干皮,油皮,混油,痘肌,孕妇,怎么泡,泡多久,醒茶,冲泡,怎么洗,机洗,手洗,熨,保养,收纳,怎么系,系法,怎么搭,微波炉,洗碗机,怎么卸,闷痘,天天戴,洗澡,热泡,存几年,用多少,怎么喝,怎么存,能存,怎么保存,适合什么皮,how do i,放多少,妆前,怎么挂,怎么打理,好打理,难打理,能洗吗,可以洗吗,能水洗,熨烫,配什么,搭什么,怎么配,适合油皮,适合干皮,适合敏感,适合什么肤,泡几次,几泡,耐泡,投茶量,煮着喝,能放冰箱,能放多久,哺乳,孕期,备孕,要卸吗,需要卸,要卸妆,能卸干净,搓泥,成膜,多久补,点多久,能烧,烛芯,游泳,戴着睡,装开水,how to use,can i use,sensitive skin,oily skin,dry skin,how do you',
  },
  discount: {
    1: '送,code,划算',
    2: '送点,送个,旗舰店,便宜,降,折,第二件,新人,礼盒,sale,deal,减,少点,抹零,多买,批发,团购,拼单,凑单,限时,cheaper,bundle,voucher,deals',
    3: '活动,折扣码,买赠,promo,新客,叠加,领券,新人券,优惠,券,满减,便宜点,赠品,小样,福袋,福利,抽奖,专属价,专享价,保价,打折,半价,秒杀,会员价,粉丝价,红包,discount,coupon,送什么,再降,降价,活动价,折扣,返现,双11,双十一,双12,双十二,能便宜,再少,打个折,有折吗,满多少,满几,减多少,送啥,有送,赠送,组合价,套装价,直播价,直播间价,专属,老客,老粉价,老顾客,回头客,优惠券,free gift,gift with,promo code,discount code',
    4: '买二送一,买一送一,买二,买一送,第二件半价',
  },
  want: {
    1: '拍,买,下单,take',
    2: '冲,要一个,带一个,太香了,付款,秒了,want,buy,要了吧,种草,入手,buying,need this,i need',
    3: "扣1,扣一,扣个1,想要,要了,我要,已拍,拍了,拍到了,已下单,下单了,拿下,买买买,已付款,付完款,加购,购物车,囤,回购,必须拥有,不买是傻子,也拍了,我拿下了,bought,i'll take,要两件,要一件,要三件,已买,抢到了,我也要,冲冲冲,要要,已入,入了,拍下,gimme,take my money,给我留,留一件,留一个,我拿,已经买,买了,想买,必须买,已经下单,加入购物车,扣了,想入,要入,先拍,已经拍,拍好了,下好单,付了,付完,已付,买它,必入,必须入,冲鸭,冲啊,来一个,来一件,来两,来三,来一套,来一盒,要这个,要这件,要那个,收了,收下,我要了,加车,ordered,just bought,purchased,add to cart,taking one,getting one,i want",
    4: '上链接,快上链接',
  },
  greeting: {
    1.5: '路上,地铁,的姐妹,关注了,来看',
    2: '宝子们,们好,老地方,好早,又来,摸鱼,睡了,刚下班,下班,陪娃,吃完饭,老粉,准时,早早,关注好久,hey,蹲在直播间,偷偷,刷到,路过,首次,新来的,新粉,回来了',
    3: '宝宝们好,宝子们好,各位好,刚进来,进来了,撤了,开播了,看你直播,来了,来啦,我来了,晚上好,早上好,下午好,中午好,大家好,打卡,报到,报道,晚安,明天见,下次见,再见,拜拜,先走,哈喽,嗨,hello,hi,good evening,good morning,good night,又见面,好久不见,第一次来,第一次赶上,赶上了,bye,来晚了,来咯,来喽,准时到,又来了,蹲你,来看你,姐妹们好,走了,先撤,下播,好久没来,hey all,evening all,hi everyone,hello everyone,greetings from,hi from',
  },
  praise: {
    1: '美,仙,在线,一眼,像',
    1.5: '温柔,好有,显白,小众',
    2: 'great,真好,显,漂亮,喜欢,气质,质感,好顺,好香,牛,稳,舒服,好正,身材好,好高级,大气,绝,精致,会挑,会选,有品,宝藏,心动,好用,值得,值了,超值,上身好看,效果好,高级感,仙气',
    3: '不错,好听,眼光,品位,wow,elegant,stunning,可爱,皮肤好,真好看,好好看,好看,好美,好漂亮,绝了,绝绝子,太绝,高级,贵气,好喜欢,爱了,爱上,爱死,审美,神仙,赞,棒,超喜欢,nice,pretty,beautiful,gorgeous,love,cute,amazing,lovely,太美,真美,绝美,666,6666,66666,yyds,美哭,美炸,美得,好仙,好精致,好有质感,好显白,好显瘦,好显高,超显瘦,很显瘦,显气质,好气质,超有气质,眼光好,品味,犯规,太喜欢,很暖和,好暖和,超暖和,真的好用,love it,obsessed,chic,classy,stylish,fabulous,so nice,so good',
  },
  complaint: {
    1.5: '慢,sound,卡,声音,画面,差,不回,不理',
    2: '糊,贵,客服,比别家,还没到,坑,买回来,质量差,质量不好,做工差,线头,没人回,没人理,等了好久,太吵,声音小,模糊,缓冲,卡顿',
    3: '黑了,卡住,发霉,还没退,没退,杂音,回音,lagging,freezing,not worth,不值,虚高,不到账,看不了,谁买,涨价,态度,卡了,卡死,好卡,这么卡,又卡,黑屏,转圈,进不去,听不见,听不清,没声音,太贵,好贵,抢钱,退货,退款,怎么退,太差,差评,不推荐,瑕疵,发错,断了,坏了,色差,骗,lag,laggy,expensive,垃圾,失望,还没发货,不回消息,智商税,卡成,一顿一顿,掉线,闪退,看不清,听不到,没声,太小声,网不好,换货,售后,投诉,骗人,虚假,割韭菜,太坑,离谱,太离谱,溢价,没收到,还没收到,货不对板,颜色不一样,pricey,too pricey,overpriced,rip off,broken,damaged,never arrived,refund',
    4: '缩水了,变形了,掉色了,起球了,就掉色,破损,碎了,漏了,少发,漏发,还没发,没发货,不发货,几天了还没,别家更便宜,别家便宜,淘宝更便宜',
    2.5: '加载,涨,去年,不一样',
  },
  other: {
    1: 'who,在看,主播是,戴上,穿上',
    2: '下一个,灯光,看看,近点,背面,口红,发型,狗,猫,哦哦,嗯嗯,好的,什么时候开始',
    3: '转个圈,转一圈,靠近,放大,近一点,讲下,香水,原来如此,有人吗,下一个讲,试一下,试试,试穿,试戴,讲讲,再讲,讲一下,介绍一下,转个身,拿近,哈哈,几岁,哪里人,几点播,还播吗,播到几点,背景音乐,没听清,lol,haha,也来试,笑死,好逗,搞笑,主播多大,主播口音,口音,下次直播,直播时间,什么时候播,明天播,这首歌,什么歌,bgm,歌名,镜头,拉近,再转,转一下,换个角度,侧面,上身看看,戴一下,讲到,讲完,还有什么,后面还有,还有哪些,一共几个,几个链接,主播喝',
    1.5: 'ok,okay,好吧,明白,知道了,晓得',
  },
};

export interface IntentHit {
  intent: Intent;
  weight: number;
}

export const intentEntries: { word: string; value: IntentHit }[] = [];
for (const [intent, byWeight] of Object.entries(table) as [Intent, Record<string, string>][]) {
  for (const [weight, words] of Object.entries(byWeight)) {
    for (const word of words.split(',')) intentEntries.push({ word, value: { intent, weight: Number(weight) } });
  }
}

/**
 * Words that make a comment a request for an answer, or mark it as something else. The last three groups
 * are read by the learned model only (the rules ignore them): a viewer talking to other viewers, telling
 * her own experience, or reassuring the room, which is how "姐妹们这个不扎 我买过" informs and asks nothing.
 */
export type Cue =
  | 'ask'
  | 'weakAsk'
  | 'request'
  | 'statement'
  | 'rhetorical'
  | 'help'
  | 'toViewers'
  | 'experience'
  | 'reassure';

const cues: Record<Cue, string> = {
  ask: '?,吗,伐,嘛,么,呢,多少,几,什么,啥,怎么,咋,哪,谁,求,蹲,能不能,可不可以,可以,会不会,是不是,有没有,还是,对吧,对不对,多大,多长,多高,多宽,多重,多久,please,how,what,which,where,when,why,any,do you,can i,can you,is it,is the,does,are they,still',
  weakAsk: '吧,呀,呗',
  request: '试,转,靠近,放大,近一点,讲下,讲讲,看看,转个身,拿近,再讲,介绍,讲一下,一下,show',
  statement: '可惜,姐妹们,平时穿,参考,刚好,正常拍,拍小,拍大,买大,买小,就是,下次,好快,已售罄,显示已',
  rhetorical: '怎么又,怎么这么,什么神仙,怎么这么好看,什么鬼',
  help: '怎么退,怎么办,能退吗,可以退吗,怎么处理,能换吗,怎么换,退不退',
  toViewers: '宝子们,宝宝们,家人们,集美们,jm们,姐妹,大家,楼上,楼下,你们,各位,新来的,sisters,guys,everyone',
  experience:
    '我买过,买过,我用了,用过,我穿,穿过,我家,亲测,回购,我一般,我都,上次买,之前买,我拿的,我拍的,我试过,试过,收到了,到手了,我朋友,我妈,吊牌,我刚领,我领,i bought,i use,mine',
  reassure:
    '放心,别蹲,别问,别找,别点,别催,别拍,不用蹲,不用问,可以冲,闭眼,记得,别忘了,注意看,看清楚,介意的,不急的,要的快,划算的',
};

export const cueEntries: { word: string; value: Cue }[] = [];
for (const [cue, words] of Object.entries(cues) as [Cue, string][]) {
  for (const word of words.split(',')) cueEntries.push({ word, value: cue });
}
