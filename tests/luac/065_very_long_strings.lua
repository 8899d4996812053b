-- string constants of several kilobytes, with and without escapes
local text = "eta epsilon epsilon delta theta theta theta zeta eta delta beta theta epsilon delta theta alpha epsilon beta gamma gamma beta gamma zeta zeta zeta delta delta eta theta theta alpha gamma alpha zeta epsilon zeta epsilon alpha gamma eta beta epsilon alpha gamma gamma eta eta gamma eta zeta delta delta epsilon zeta delta zeta alpha epsilon beta epsilon epsilon theta gamma gamma gamma beta epsilon eta eta zeta beta eta gamma gamma theta theta epsilon theta zeta epsilon gamma theta alpha beta gamma zeta alpha gamma epsilon delta gamma epsilon epsilon delta epsilon eta gamma eta gamma epsilon beta theta epsilon delta delta delta eta epsilon epsilon gamma delta zeta alpha epsilon zeta epsilon gamma eta eta beta epsilon beta epsilon gamma eta alpha epsilon zeta delta alpha epsilon epsilon alpha gamma theta gamma eta theta zeta theta epsilon delta gamma beta gamma theta zeta gamma theta theta gamma alpha epsilon delta theta delta beta beta beta alpha delta epsilon epsilon alpha gamma beta alpha gamma alpha alpha beta zeta eta epsilon gamma alpha gamma theta delta gamma delta beta eta eta theta epsilon beta beta beta epsilon beta alpha epsilon eta epsilon alpha epsilon eta epsilon alpha beta zeta beta theta beta eta delta beta zeta epsilon theta epsilon theta beta zeta alpha alpha gamma gamma beta delta delta eta delta delta gamma epsilon epsilon alpha eta zeta theta epsilon delta zeta theta gamma theta epsilon beta beta zeta eta theta eta eta alpha zeta zeta alpha alpha eta gamma zeta alpha epsilon gamma gamma delta theta alpha gamma eta gamma epsilon gamma gamma epsilon beta delta beta delta alpha beta beta gamma eta zeta delta zeta theta alpha theta alpha alpha gamma theta theta delta theta eta beta zeta theta gamma zeta epsilon alpha beta theta alpha epsilon theta delta theta beta epsilon eta beta theta theta zeta delta epsilon delta eta eta gamma gamma eta eta zeta theta epsilon eta eta zeta gamma zeta alpha theta epsilon gamma gamma eta alpha epsilon alpha delta gamma epsilon beta epsilon eta beta epsilon alpha eta theta epsilon beta beta zeta beta theta alpha delta eta alpha gamma alpha epsilon zeta theta epsilon theta delta delta eta gamma theta beta zeta alpha delta gamma delta alpha epsilon eta theta epsilon delta zeta theta zeta beta epsilon beta alpha alpha gamma gamma beta gamma eta zeta alpha zeta delta eta gamma beta theta delta eta epsilon delta gamma beta beta gamma delta delta theta zeta theta gamma delta delta gamma beta eta epsilon beta beta delta gamma epsilon delta eta theta zeta theta alpha theta alpha gamma gamma gamma gamma beta delta beta eta beta gamma eta eta delta epsilon theta zeta delta beta epsilon delta gamma beta epsilon beta gamma gamma theta delta alpha eta gamma alpha epsilon delta beta theta beta delta epsilon beta beta delta delta beta gamma delta gamma beta zeta eta alpha beta eta gamma eta alpha gamma epsilon alpha zeta beta eta delta beta delta gamma alpha beta alpha beta beta gamma eta epsilon theta zeta zeta eta zeta alpha beta epsilon epsilon gamma beta zeta epsilon zeta zeta beta gamma beta beta zeta theta theta alpha eta epsilon gamma zeta alpha delta epsilon epsilon epsilon beta gamma theta eta epsilon theta delta delta delta gamma theta eta zeta delta alpha gamma theta eta eta beta zeta gamma delta beta eta delta eta beta theta zeta epsilon zeta alpha zeta delta zeta alpha epsilon theta beta beta gamma alpha epsilon delta gamma theta theta delta eta eta gamma delta eta beta zeta epsilon alpha gamma theta gamma alpha delta alpha gamma eta epsilon eta zeta eta epsilon theta alpha alpha epsilon theta beta beta gamma beta delta eta epsilon alpha delta beta alpha alpha theta eta epsilon delta eta beta beta epsilon beta beta beta delta eta alpha epsilon epsilon epsilon beta alpha epsilon alpha beta eta beta delta gamma gamma eta alpha delta delta alpha gamma alpha eta beta beta epsilon gamma alpha epsilon beta epsilon alpha zeta alpha epsilon gamma beta beta delta epsilon eta zeta epsilon zeta beta zeta epsilon zeta theta epsilon alpha delta theta epsilon gamma beta beta beta epsilon zeta epsilon alpha alpha alpha epsilon gamma theta eta alpha beta gamma zeta delta zeta zeta beta beta theta alpha eta epsilon zeta epsilon theta theta beta delta alpha epsilon alpha alpha alpha theta gamma zeta alpha theta alpha zeta gamma beta beta eta zeta zeta alpha zeta zeta gamma beta theta eta alpha zeta delta alpha zeta epsilon theta gamma theta alpha zeta theta beta eta alpha gamma zeta epsilon zeta theta delta theta alpha eta beta epsilon zeta gamma theta delta theta eta alpha eta delta alpha eta alpha eta epsilon theta gamma zeta theta delta beta delta zeta delta zeta gamma alpha alpha gamma eta beta zeta gamma theta epsilon epsilon zeta epsilon alpha theta gamma eta zeta beta alpha epsilon zeta alpha theta theta alpha gamma theta theta alpha zeta alpha beta eta alpha epsilon theta theta theta alpha delta gamma delta zeta alpha epsilon alpha gamma eta gamma alpha delta theta gamma zeta epsilon gamma zeta alpha beta gamma alpha beta zeta alpha eta theta epsilon eta epsilon theta epsilon beta beta delta zeta eta gamma alpha gamma alpha beta beta gamma beta epsilon zeta epsilon beta theta alpha gamma alpha eta eta gamma theta theta alpha zeta alpha beta alpha epsilon beta beta epsilon alpha beta epsilon beta delta alpha zeta epsilon alpha beta zeta epsilon delta gamma gamma zeta theta theta gamma gamma theta alpha theta delta alpha eta delta theta epsilon zeta zeta zeta alpha theta alpha delta zeta theta eta theta zeta epsilon gamma zeta eta beta alpha alpha eta eta epsilon delta gamma delta epsilon delta gamma gamma beta theta gamma epsilon delta theta alpha theta eta delta zeta beta delta theta epsilon beta beta zeta beta eta delta eta theta eta beta zeta theta beta zeta beta gamma alpha theta beta epsilon delta theta epsilon theta gamma theta alpha eta delta theta gamma delta gamma epsilon alpha epsilon epsilon delta zeta epsilon eta delta delta zeta zeta eta theta zeta zeta alpha theta gamma beta beta gamma alpha alpha zeta eta theta gamma epsilon epsilon eta eta delta delta zeta zeta eta eta gamma eta epsilon alpha epsilon delta beta alpha zeta epsilon delta zeta gamma beta theta gamma gamma eta zeta gamma epsilon theta theta eta epsilon gamma zeta zeta delta beta beta alpha eta zeta gamma epsilon beta beta epsilon theta zeta epsilon alpha delta epsilon beta eta delta gamma theta beta zeta theta delta delta zeta theta gamma beta epsilon zeta eta delta gamma theta eta epsilon eta epsilon alpha eta epsilon alpha delta beta delta delta epsilon alpha beta epsilon delta eta delta alpha alpha delta eta zeta gamma beta delta beta beta beta delta eta epsilon epsilon delta beta alpha beta epsilon theta delta delta beta theta alpha delta beta alpha zeta eta epsilon zeta delta alpha beta theta alpha eta gamma eta eta eta gamma delta alpha epsilon delta delta theta delta epsilon delta epsilon delta beta epsilon zeta zeta theta theta beta beta theta epsilon beta delta beta epsilon eta epsilon delta alpha theta gamma beta epsilon zeta eta eta zeta delta gamma eta alpha gamma epsilon beta gamma theta theta gamma zeta eta gamma alpha epsilon eta beta beta eta alpha theta gamma beta delta alpha epsilon theta theta zeta beta zeta epsilon zeta epsilon eta delta beta alpha gamma beta beta theta alpha beta delta gamma alpha eta eta alpha zeta eta delta delta beta delta zeta zeta zeta delta eta alpha beta zeta theta theta beta beta zeta eta epsilon alpha eta zeta beta delta delta delta beta beta gamma delta alpha zeta eta epsilon beta delta zeta beta beta epsilon eta theta delta epsilon alpha gamma zeta theta delta zeta gamma delta eta alpha beta delta theta beta eta zeta eta eta theta theta eta theta delta zeta delta gamma delta theta alpha theta gamma beta alpha alpha gamma gamma beta beta delta gamma delta eta theta alpha delta theta zeta theta eta beta beta gamma epsilon zeta zeta delta beta theta theta epsilon eta gamma theta epsilon theta epsilon delta gamma epsilon eta eta delta zeta delta gamma epsilon delta beta theta gamma delta eta alpha alpha beta epsilon eta alpha zeta beta eta delta theta alpha theta theta zeta beta alpha gamma beta zeta zeta delta theta theta theta theta alpha alpha delta eta theta delta eta gamma eta beta alpha theta alpha theta gamma beta alpha delta epsilon zeta delta theta eta epsilon gamma alpha eta eta gamma gamma beta gamma beta theta zeta theta eta beta delta zeta delta delta delta delta beta alpha eta theta delta epsilon gamma epsilon delta theta theta alpha epsilon theta theta theta epsilon gamma beta delta eta theta alpha theta zeta gamma eta beta delta theta zeta epsilon beta zeta beta alpha zeta beta theta gamma theta delta zeta theta eta gamma epsilon gamma alpha epsilon epsilon eta gamma alpha beta zeta eta zeta beta zeta zeta delta beta gamma theta zeta zeta gamma beta epsilon eta epsilon beta alpha eta eta alpha eta alpha delta zeta theta epsilon epsilon eta epsilon zeta alpha eta gamma theta theta beta eta zeta epsilon eta theta theta theta eta eta eta alpha alpha beta zeta zeta delta beta epsilon alpha zeta delta epsilon beta epsilon eta eta theta beta alpha gamma epsilon alpha alpha alpha theta epsilon beta eta eta alpha beta zeta delta alpha eta zeta alpha alpha theta beta epsilon alpha beta eta alpha alpha zeta theta beta theta eta delta beta zeta eta alpha delta beta epsilon zeta delta delta theta gamma theta zeta gamma theta zeta delta epsilon zeta delta epsilon theta gamma alpha delta theta epsilon eta zeta eta alpha theta epsilon alpha zeta beta gamma gamma gamma zeta gamma gamma delta zeta delta theta beta beta gamma gamma beta epsilon eta theta beta zeta epsilon gamma delta beta beta theta theta eta eta beta epsilon delta gamma gamma theta beta epsilon epsilon alpha gamma eta theta epsilon eta beta zeta epsilon eta alpha epsilon eta delta alpha gamma gamma theta zeta gamma theta alpha beta gamma eta zeta epsilon theta gamma theta epsilon epsilon delta eta delta theta alpha beta beta alpha alpha beta gamma alpha epsilon eta beta zeta delta alpha gamma gamma epsilon zeta delta zeta theta zeta delta beta epsilon alpha gamma theta alpha delta alpha epsilon gamma beta eta zeta eta delta delta theta gamma theta delta eta zeta zeta gamma zeta gamma epsilon gamma beta epsilon epsilon epsilon alpha alpha theta epsilon epsilon alpha alpha epsilon theta epsilon beta delta epsilon theta alpha alpha theta delta delta delta zeta epsilon delta theta zeta gamma beta beta theta beta epsilon eta alpha beta gamma theta gamma alpha beta gamma eta alpha zeta delta alpha beta theta gamma theta alpha eta theta theta theta alpha beta gamma delta gamma theta alpha beta gamma delta alpha beta epsilon alpha delta gamma beta zeta gamma beta epsilon alpha eta theta delta zeta eta theta delta delta delta epsilon alpha gamma theta theta theta alpha gamma alpha delta theta zeta gamma beta theta gamma zeta theta epsilon epsilon gamma eta gamma epsilon delta eta epsilon alpha eta alpha zeta epsilon epsilon beta gamma alpha gamma theta eta alpha zeta eta epsilon beta epsilon theta eta theta epsilon epsilon delta eta zeta gamma gamma eta beta epsilon epsilon beta beta epsilon alpha zeta zeta gamma delta alpha beta epsilon beta theta alpha beta eta gamma theta epsilon delta beta epsilon delta alpha eta delta beta beta theta alpha alpha zeta eta beta eta alpha gamma delta zeta theta beta eta beta beta alpha delta zeta eta theta zeta delta gamma delta epsilon alpha eta gamma gamma epsilon alpha beta zeta alpha eta gamma"
local escaped = "bha\\ff\"\tchae\tgj\\ddi\"jjc\thd\ngi\"aid\\bdd\t\\d\n\n\njf\"i\"b\\bfa\\\t\\ibhbe\tebfab\\\"bbjeieedb\"b\"\"jjd\n\tfcbhj\tbddd\tjjabbcbfj\thbi\nf\nibeca\nii\\a\"fcd\"jbchhgafifdeabh\\j\"\n\\d\\f\tdi\"j\\b\ne\tagff\\bcc\"\"\"bidea\t\"cbaj\t\nhj\tig\t\tgcdi\"bj\\dh\nbc\t\tjg\nf\tj\tj\"\"\"\n\nihadedfhgaifjbacb\tc\"\n\tcf\\cbhee\niaj\"d\\efgehj\tb\"fhae\nieggg\n\\\ngfcba\"\"d\"gh\tg\\\n\tchg\t\n\\i\\\t\t\"\\ci\\e\tichibdajdddfc\\ecgb\\hj\\fecfi\ng\"egabbfehja\t\\ffdacge\"iaih\\aiadj\n\ndg\n\teab\\ggjf\nfafc\nif\\ccf\\b\\\\f\t\\be\\\ng\tajija\ng\"b\"ed\\ibaach\tfgbffi\"a\tdidfj\"fgd\n\"jfi\"jcc\\dfadahhb\negig\na\"\\\\\n\"cchc\"b\\gcf\tdbfd\nhed\tgij\"aafd\\afhfcg\\\"ffjei\"ef\t\"jgbhhaf\"fjf\\jihcj\"ijicf\\be\\f\n\\\\jdebfdbfhfig\tgacfjjb\"eaafigieb\tjfggbgeehiech\"hd\tfcjif\\jjaf\"\"\\ibcbbhh\"\nfcjahe\\b\t\tbe\ng\\\ndce\"i\"\tf\"gfdgbadej\tfiebhfbgc\"bh\\beicbca\ni\\hhiac\"\t\te\\g\\a\"\\h\"cfc\\\ta\tefdjb\teaab\thccjbc\tdh\\hgbfbhbfi\tfc\"gf\tc\"jefcd\tej\td\\jidiaib\\beda\tf\"\tgjf\\fhga\\hhfbja\\g\tehdb\n\nb\ng\\c\nb\tj\n\"aj\n\"fcjg\n\t\tehbiijfbjh\\dg\ng\\\tjaja\\da\"a\"e\\\"fejaciadfjjeefh\tahah\"gbfididihc\tj\\bj\"\tbhfdai\"c\"af\\bbbcg\tcge\n\nfcga\"\\g\\\"\nad\\\"i\"abjd\n\"bf\\\tehge\"e\\b\na\n\n\nic\tffbfe\\\"ee\\j\tg\ndjidjfai\tabge\nfbj\ti\tdbfabd\\\"afg\tec\\ffhh\n\"ibihbe\"ic\tg\\cihe\\e\tjhhi\"dbe\nijheb\te\nhfe\t\\\nbigihad\te\nd\"\\a\ti\\a\t\"ac\"cifg\\fg\t\"a\t\t\n\t\"\n\taaj\\d\ngjaihaijgch\nj\"edf\"ied\"aj\thf\t\t\"bdjjdce\nfa\n\"\\igcffgi\t\"agaieagagfg\njhf\t\te\t\"ee\\ifie\naj\"ad\\jh\\df\"ii\tjb\\\t\nhhcegdcfedbici\"bicea\"gc\\afecdj\ne\"b\tc\\j\"a\"a\neeibd\"jjiac\tbjgagjih\"d\tfg\"\taeb\"a\t\ta\\\t\t\taij\ni\"gf\"j\"c\\fi\nhf\\\t\n\n\nbe\\bc\"\\\"ggcjf\tic\neh\\b\\ide\"\tcji\\gjebhgd\thiaa\tgadbacf\tdfdhhhjhfehciiebfh\\\nd\t\\dj\nb\n\tjd\\igi\na\ng\ngdi\tdh\"\tfjj\nhcbh\\\\hj\\a\nj\\\nhdbhbhb\"a\\f\n\ta\ted\\hcff\n\tjag\"j\nfhbbd\t\\b\ndadabjjh\\e\n\"\nhihf\t\tb\"hia\n\tehbdjf\\iecjg\teiighg\\\"\t\\e\t\\\"jb\thd\"bigfi\\he\\\"ecg\tca\"\t\"dghjffabg\t\nc\\jacigeh\t\\\nb\tegce\\cijfagdec\\\"hfd\\jcffebdgj\"b\t\"ac\taff\nec\\j\\hbehc\"eiaci\neghd\tj\\jbh\"j\thc\\efgdgchggibig\tbjdggjba\t\nee\"\nibi\n\tbgcf\ncafh\\\\c\t\tdec\t\\c\n\tjfefgehj\n\\jdfjc\"ge\\i\"\nh\\\n\\edi\tc\te\n\"\\ec\tgjjec\"aahcjeid\"\tiahgciiihdhjijagjjb\tfcfebdjdddge\naaf\nj\td\"cfe\te\\gifgib\ncagcajdd\\\"dd\"beaiggeiifdie\tbjcf\tfh\t\th\t\tagi\t\"eafagd\\fh\tffieg\tg\"\ng\"d\"ci\t\ng\ng\"d\ne\thd\td\\iefe\t\nha\t\"je\"ecggd\nf\"c\tg\\bg\njc\t\\idihbh\tc\"j\\cadehc\nfgg\n\\\"b\t\"fi\nbb\"jegjadbjbab\t\\di\tceaibj\ngcc\tjefj\\giaihjd\nj\n\tjcj\tjjca\n\"h\t\\\nj\ni\ngig\\g\thhb\n\nhgfb\n\n\"fe\"aeec\t\nhfj\nfeh\"jhheb\"\"efbgdc\\\t\nb\"cdbhba\tciadg\\\"fbjeeahjjhb\"cbjdjcc\"\\\n\\a\neagfhd\tgdc\t\t\\eb\teea\"d\t\"aecc\\ee\nh\ndadh\n\\a\\\"f\n\njhdb\"habgfei\\ha\t\nfih\"agcg\nhhaigf\"ai\nidhidhfihf\nd\nhh\\j\nfcfd\nbgdja\nfhe\njda\tj\n\tb\\cfc\"fib\"ciagcbbcejeaf\"ei\\\thhaid\\g\\\\\"\"\tjbiia\n\n\njbff\"bche\thec\tej\njba\"jgechedea\nhbdhbih\ncfcigicheh\\\n\"bbf\n\nhae\ndcfgeg\"\n\"\"h\tdgagj\tgf\t\t\\hfihefgae\ndjf\"gbe\\gaigcecdeab\\hhadg\"dga\t\ndc\\dfdj\njgii\\ejfhh\nj\\g\\ggefegi\nhbhajhhchgfecie\th\nhhj\"c\tb\nc\\h\th\"i\nd\\\"\t\tj\t\"f\nddhabbaf\t\\\n\tjdijeb\"bcfcejfciafjffjdjhjeifagaiaaidff\ni\nfda\nf\"bghfi\"gb\t\\ghhg\n\tifc\najjgjhdidg\"ifae\tf\\bgfjj\"\thf\naj\tcj\"jcj\njc\nd\nidd\"fdecgjce\nea\t\nieeb\\ij\\jb\\h\tebaaidce\"\ted\t\n\njeffeei\"bee\\\ndeghgbcia\"fbf\nj\"egd\n\nc\\d\"\tddgff\\ic\na\\d\"aaghdcfe\nfghggcaia\\e\\fbg\"g\\eec\"fb\nbcj\nih\"fde\ne\"jde\n\"afj\\\"\na\t\"ad\\icjaa\\ee\\\tbffa\\ha\\\nh\nebic\tbabeab\"f\ndc\tf\nbca\"\n\nhgdcij\\ca\n\"h\t\n\n\\\\\t\"agj\\\nbg\ndfjfc\\c\"\\ae\"\"jh\"\\\"\"\te\"\\i\\g\ng\nic\n\"de\nihb\t\"caggd\"\"cb\thaaeia\thggja\nghag\nij\tgb\t\thfaafc\\ca\"hbfa\nfgag\nc\tc\"jb\tf\nb\nej\tjb\t\njb\n\\\tfdaa\"bae\"fgijgfbd\tjee\t\ni\"\nefh\tic\thhf\nbd\taaffc\nif\\gjbb"
local long = [==[
eta epsilon epsilon delta theta theta theta zeta eta delta beta theta 
epsilon delta theta alpha epsilon beta gamma gamma beta gamma zeta zet
a zeta delta delta eta theta theta alpha gamma alpha zeta epsilon zeta
 epsilon alpha gamma eta beta epsilon alpha gamma gamma eta eta gamma 
eta zeta delta delta epsilon zeta delta zeta alpha epsilon beta epsilo
n epsilon theta gamma gamma gamma beta epsilon eta eta zeta beta eta g
amma gamma theta theta epsilon theta zeta epsilon gamma theta alpha be
ta gamma zeta alpha gamma epsilon delta gamma epsilon epsilon delta ep
silon eta gamma eta gamma epsilon beta theta epsilon delta delta delta
 eta epsilon epsilon gamma delta zeta alpha epsilon zeta epsilon gamma
 eta eta beta epsilon beta epsilon gamma eta alpha epsilon zeta delta 
alpha epsilon epsilon alpha gamma theta gamma eta theta zeta theta eps
ilon delta gamma beta gamma theta zeta gamma theta theta gamma alpha e
psilon delta theta delta beta beta beta alpha delta epsilon epsilon al
pha gamma beta alpha gamma alpha alpha beta zeta eta epsilon gamma alp
ha gamma theta delta gamma delta beta eta eta theta epsilon beta beta 
beta epsilon beta alpha epsilon eta epsilon alpha epsilon eta epsilon 
alpha beta zeta beta theta beta eta delta beta zeta epsilon theta epsi
lon theta beta zeta alpha alpha gamma gamma beta delta delta eta delta
 delta gamma epsilon epsilon alpha eta zeta theta epsilon delta zeta t
heta gamma theta epsilon beta beta zeta eta theta eta eta alpha zeta z
eta alpha alpha eta gamma zeta alpha epsilon gamma gamma delta theta a
lpha gamma eta gamma epsilon gamma gamma epsilon beta delta beta delta
 alpha beta beta gamma eta zeta delta zeta theta alpha theta alpha alp
ha gamma theta theta delta theta eta beta zeta theta gamma zeta epsilo
n alpha beta theta alpha epsilon theta delta theta beta epsilon eta be
ta theta theta zeta delta epsilon delta eta eta gamma gamma eta eta ze
ta theta epsilon eta eta zeta gamma zeta alpha theta epsilon gamma gam
ma eta alpha epsilon alpha delta gamma epsilon beta epsilon eta beta e
psilon alpha eta theta epsilon beta beta zeta beta theta alpha delta e
ta alpha gamma alpha epsilon zeta theta epsilon theta delta delta eta 
gamma theta beta zeta alpha delta gamma delta alpha epsilon eta theta 
epsilon delta zeta theta zeta beta epsilon beta alpha alpha gamma gamm
a beta gamma eta zeta alpha zeta delta eta gamma beta theta delta eta 
epsilon delta gamma beta beta gamma delta delta theta zeta theta gamma
 delta delta gamma beta eta epsilon beta beta delta gamma epsilon delt
a eta theta zeta theta alpha theta alpha gamma gamma gamma gamma beta 
delta beta eta beta gamma eta eta delta epsilon theta zeta delta beta 
epsilon delta gamma beta epsilon beta gamma gamma theta delta alpha et
a gamma alpha epsilon delta beta theta beta delta epsilon beta beta de
lta delta beta gamma delta gamma beta zeta eta alpha beta eta gamma et
a alpha gamma epsilon alpha zeta beta eta delta beta delta gamma alpha
 beta alpha beta beta gamma eta epsilon theta zeta zeta eta zeta alpha
 beta epsilon epsilon gamma beta zeta epsilon zeta zeta beta gamma bet
a beta zeta theta theta alpha eta epsilon gamma zeta alpha delta epsil
on epsilon epsilon beta gamma theta eta epsilon theta delta delta delt
a gamma theta eta zeta delta alpha gamma theta eta eta beta zeta gamma
 delta beta eta delta eta beta theta zeta epsilon zeta alpha zeta delt
a zeta alpha epsilon theta beta beta gamma alpha epsilon delta gamma t
heta theta delta eta eta gamma delta eta beta zeta epsilon alpha gamma
 theta gamma alpha delta alpha gamma eta epsilon eta zeta eta epsilon 
theta alpha alpha epsilon theta beta beta gamma beta delta eta epsilon
 alpha delta beta alpha alpha theta eta epsilon delta eta beta beta ep
silon beta beta beta delta eta alpha epsilon epsilon epsilon beta alph
a epsilon alpha beta eta beta delta gamma gamma eta alpha delta delta 
alpha gamma alpha eta beta beta epsilon gamma alpha epsilon beta epsil
on alpha zeta alpha epsilon gamma beta beta delta epsilon eta zeta eps
ilon zeta beta zeta epsilon zeta theta epsilon alpha delta theta epsil
on gamma beta beta beta epsilon zeta epsilon alpha alpha alpha epsilon
 gamma theta eta alpha beta gamma zeta delta zeta zeta beta beta theta
 alpha eta epsilon zeta epsilon theta theta beta delta alpha epsilon a
lpha alpha alpha theta gamma zeta alpha theta alpha zeta gamma beta be
ta eta zeta zeta alpha zeta zeta gamma beta theta eta alpha zeta delta
 alpha zeta epsilon theta gamma theta alpha zeta theta beta eta alpha 
gamma zeta epsilon zeta theta delta theta alpha eta beta epsilon zeta 
gamma theta delta theta eta alpha eta delta alpha eta alpha eta epsilo
n theta gamma zeta theta delta beta delta zeta delta zeta gamma alpha 
alpha gamma eta beta zeta gamma theta epsilon epsilon zeta epsilon alp
ha theta gamma eta zeta beta alpha epsilon zeta alpha theta theta alph
a gamma theta theta alpha zeta alpha beta eta alpha epsilon theta thet
a theta alpha delta gamma delta zeta alpha epsilon alpha gamma eta gam
ma alpha delta theta gamma zeta epsilon gamma zeta alpha beta gamma al
pha beta zeta alpha eta theta epsilon eta epsilon theta epsilon beta b
eta delta zeta eta gamma alpha gamma alpha beta beta gamma beta epsilo
n zeta epsilon beta theta alpha gamma alpha eta eta gamma theta theta 
alpha zeta alpha beta alpha epsilon beta beta epsilon alpha beta epsil
on beta delta alpha zeta epsilon alpha beta zeta epsilon delta gamma g
amma zeta theta theta gamma gamma theta alpha theta delta alpha eta de
lta theta epsilon zeta zeta zeta alpha theta alpha delta zeta theta et
a theta zeta epsilon gamma zeta eta beta alpha alpha eta eta epsilon d
elta gamma delta epsilon delta gamma gamma beta theta gamma epsilon de
lta theta alpha theta eta delta zeta beta delta theta epsilon beta bet
a zeta beta eta delta eta theta eta beta zeta theta beta zeta beta gam
ma alpha theta beta epsilon delta theta epsilon theta gamma theta alph
a eta delta theta gamma delta gamma epsilon alpha epsilon epsilon delt
a zeta epsilon eta delta delta zeta zeta eta theta zeta zeta alpha the
ta gamma beta beta gamma alpha alpha zeta eta theta gamma epsilon epsi
lon eta eta delta delta zeta zeta eta eta gamma eta epsilon alpha epsi
lon delta beta alpha zeta epsilon delta zeta gamma beta theta gamma ga
mma eta zeta gamma epsilon theta theta eta epsilon gamma zeta zeta del
ta beta beta alpha eta zeta gamma epsilon beta beta epsilon theta zeta
 epsilon alpha delta epsilon beta eta delta gamma theta beta zeta thet
a delta delta zeta theta gamma beta epsilon zeta eta delta gamma theta
 eta epsilon eta epsilon alpha eta epsilon alpha delta beta delta delt
a epsilon alpha beta epsilon delta eta delta alpha alpha delta eta zet
a gamma beta delta beta beta beta delta eta epsilon epsilon delta beta
 alpha beta epsilon theta delta delta beta theta alpha delta beta alph
a zeta eta epsilon zeta delta alpha beta theta alpha eta gamma eta eta
 eta gamma delta alpha epsilon delta delta theta delta epsilon delta e
psilon delta beta epsilon zeta zeta theta theta beta beta theta epsilo
n beta delta beta epsilon eta epsilon delta alpha theta gamma beta eps
ilon zeta eta eta zeta delta gamma eta alpha gamma epsilon beta gamma 
theta theta gamma zeta eta gamma alpha epsilon eta beta beta eta alpha
 theta gamma beta delta alpha epsilon theta theta zeta beta zeta epsil
on zeta epsilon eta delta beta alpha gamma beta beta theta alpha beta 
delta gamma alpha eta eta alpha zeta eta delta delta beta delta zeta z
eta zeta delta eta alpha beta zeta theta theta beta beta zeta eta epsi
lon alpha eta zeta beta delta delta delta beta beta gamma delta alpha 
zeta eta epsilon beta delta zeta beta beta epsilon eta theta delta eps
ilon alpha gamma zeta theta delta zeta gamma delta eta alpha beta delt
a theta beta eta zeta eta eta theta theta eta theta delta zeta delta g
amma delta theta alpha theta gamma beta alpha alpha gamma gamma beta b
eta delta gamma delta eta theta alpha delta theta zeta theta eta beta 
beta gamma epsilon zeta zeta delta beta theta theta epsilon eta gamma 
theta epsilon theta epsilon delta gamma epsilon eta eta delta zeta del
ta gamma epsilon delta beta theta gamma delta eta alpha alpha beta eps
ilon eta alpha zeta beta eta delta theta alpha theta theta zeta beta a
lpha gamma beta zeta zeta delta theta theta theta theta alpha alpha de
lta eta theta delta eta gamma eta beta alpha theta alpha theta gamma b
eta alpha delta epsilon zeta delta theta eta epsilon gamma alpha eta e
ta gamma gamma beta gamma beta theta zeta theta eta beta delta zeta de
lta delta delta delta beta alpha eta theta delta epsilon gamma epsilon
 delta theta theta alpha epsilon theta theta theta epsilon gamma beta 
delta eta theta alpha theta zeta gamma eta beta delta theta zeta epsil
on beta zeta beta alpha zeta beta theta gamma theta delta zeta theta e
ta gamma epsilon gamma alpha epsilon epsilon eta gamma alpha beta zeta
 eta zeta beta zeta zeta delta beta gamma theta zeta zeta gamma beta e
psilon eta epsilon beta alpha eta eta alpha eta alpha delta zeta theta
 epsilon epsilon eta epsilon zeta alpha eta gamma theta theta beta eta
 zeta epsilon eta theta theta theta eta eta eta alpha alpha beta zeta 
zeta delta beta epsilon alpha zeta delta epsilon beta epsilon eta eta 
theta beta alpha gamma epsilon alpha alpha alpha theta epsilon beta et
a eta alpha beta zeta delta alpha eta zeta alpha alpha theta beta epsi
lon alpha beta eta alpha alpha zeta theta beta theta eta delta beta ze
ta eta alpha delta beta epsilon zeta delta delta theta gamma theta zet
a gamma theta zeta delta epsilon zeta delta epsilon theta gamma alpha 
delta theta epsilon eta zeta eta alpha theta epsilon alpha zeta beta g
amma gamma gamma zeta gamma gamma delta zeta delta theta beta beta gam
ma gamma beta epsilon eta theta beta zeta epsilon gamma delta beta bet
a theta theta eta eta beta epsilon delta gamma gamma theta beta epsilo
n epsilon alpha gamma eta theta epsilon eta beta zeta epsilon eta alph
a epsilon eta delta alpha gamma gamma theta zeta gamma theta alpha bet
a gamma eta zeta epsilon theta gamma theta epsilon epsilon delta eta d
elta theta alpha beta beta alpha alpha beta gamma alpha epsilon eta be
ta zeta delta alpha gamma gamma epsilon zeta delta zeta theta zeta del
ta beta epsilon alpha gamma theta alpha delta alpha epsilon gamma beta
 eta zeta eta delta delta theta gamma theta delta eta zeta zeta gamma 
zeta gamma epsilon gamma beta epsilon epsilon epsilon alpha alpha thet
a epsilon epsilon alpha alpha epsilon theta epsilon beta delta epsilon
 theta alpha alpha theta delta delta delta zeta epsilon delta theta ze
ta gamma beta beta theta beta epsilon eta alpha beta gamma theta gamma
 alpha beta gamma eta alpha zeta delta alpha beta theta gamma theta al
pha eta theta theta theta alpha beta gamma delta gamma theta alpha bet
a gamma delta alpha beta epsilon alpha delta gamma beta zeta gamma bet
a epsilon alpha eta theta delta zeta eta theta delta delta delta epsil
on alpha gamma theta theta theta alpha gamma alpha delta theta zeta ga
mma beta theta gamma zeta theta epsilon epsilon gamma eta gamma epsilo
n delta eta epsilon alpha eta alpha zeta epsilon epsilon beta gamma al
pha gamma theta eta alpha zeta eta epsilon beta epsilon theta eta thet
a epsilon epsilon delta eta zeta gamma gamma eta beta epsilon epsilon 
beta beta epsilon alpha zeta zeta gamma delta alpha beta epsilon beta 
theta alpha beta eta gamma theta epsilon delta beta epsilon delta alph
a eta delta beta beta theta alpha alpha zeta eta beta eta alpha gamma 
delta zeta theta beta eta beta beta alpha delta zeta eta theta zeta de
lta gamma delta epsilon alpha eta gamma gamma epsilon alpha beta zeta 
alpha eta gamma
]==]
local repeated = text .. text
print(#text, #escaped, #long, #repeated)
