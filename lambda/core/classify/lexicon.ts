/**
 * The cue lexicon: weighted phrase patterns over normalised text (see normalize.ts:
 * lower case, contractions expanded to "can not", "will not", "is not", possessive 's
 * dropped, hyphens spaced, shorthand and typos repaired, "a&e" -> "a_and_e").
 *
 * A group either points at a category directly or at an ailment kind, whose category
 * depends on who has it (the candidate, their child, a relative, a pet): see attribute.ts.
 * Weights: 3 = names the reason on its own, 2 = strong hint, 1-1.5 = supporting context.
 */
import type { Category } from '../categories.js';

export type AilmentKind = 'illness' | 'injury' | 'severe' | 'hospital' | 'medical' | 'vehicle';
export type CueTarget = Exclude<Category, 'unspecified'> | AilmentKind;

export interface CueGroup {
  readonly target: CueTarget;
  readonly weight: number;
  readonly pattern: RegExp;
}

/** Up to n words in between. */
const gap = (n: number): string => `(?:[a-z0-9_%]+ ){0,${n}}`;
/** Up to n words in between, none of them a negator ("i am not ill" is no cue). */
const plainGap = (n: number): string => `(?:(?!not |never |no |hardly )[a-z0-9_%]+ ){0,${n}}`;

const CHILD = `(?:son|sons|daughter|daughters|kid|kids|child|children|baby|babies|toddler|little one|little ones|twins|youngest|eldest|oldest|boy|boys|girl|girls|infant|newborn|stepson|stepdaughter|step kids|stepkids|teenager|\\d+ (?:year|month) old)`;
const RELATIVE = `(?:mum|dad|parents|brother|sister|sibling|wife|husband|partner|spouse|fiance|fiancee|boyfriend|girlfriend|grandmother|grandfather|grandparents|grandma|aunt|auntie|aunty|uncle|cousin|niece|nephew|stepdad|stepmum|stepfather|stepmother|mum in law|dad in law|in laws|family member|relative)`;
const DEVICE = `(?:landline|laptop|computer|desktop|mac|macbook|chromebook|webcam|web cam|camera|cam|mic|microphone|headset|headphones|earbuds|airpods|audio|speakers?|screen|monitor|keyboard|charger|tablet|ipad|phone|mobile|cell|cellphone|iphone|android|pc)`;
const BROKEN = `(?:broke|broken|died|dead|crashed|crashing|crashes|not working|stopped working|stopped|will not (?:turn on|boot|start|charge|connect|load|work|open|pick up)|would not (?:turn on|boot|start|charge|connect|work)|does not (?:work|turn on|charge)|is not working|cracked|shattered|smashed|toast|fried|bricked|frozen|froze|freezing|glitching|glitchy|is updating|updating|stuck (?:on|at|updating|in)|wiped|reimaged?|reimaging|blue screen|water damaged?|not picking up|no sound|not detected|not recogni[sz]ed|keeps (?:crashing|freezing|dropping|cutting out|restarting|disconnecting)|out of battery|battery (?:is )?dead|on its last legs|gave up|packed in|packed up|died on me|stolen|got stolen|was stolen|nicked|lost|missing|cut off|disconnected|suspended|in for repair|at the repair shop)`;
const NET = `(?:internet|wifi|broadband|connection|router|modem|hotspot|hot spot|isp|fibre|fiber|cell service|phone service|mobile service|mobile data|data|signal|reception|network|ethernet)`;
const NET_DOWN = `(?:down|out|dead|dropping|drops|dropped|not working|cutting out|cuts out|keeps (?:dropping|cutting out|going down|disconnecting)|unstable|patchy|flaky|spotty|gone|died|went (?:down|out)|is off|off|has been off|unusable|outage)`;
const TRANSIT = `(?:train|trains|bus|buses|coach|flight|flights|plane|ferry|ferries|tube|subway|metro|underground|tram|trams|connection|connecting flight|rail|railway|greyhound|amtrak|megabus|lirr|bart|airline|shuttle|service)`;
const VEHICLE = `(?:car|van|truck|engine|battery|tyres?|vehicle|motorbike|motorcycle|bike|scooter|moped|clutch|transmission|brakes)`;
const ROAD = `(?:road|roads|highway|motorway|bridge|tunnel|freeway|interstate|route|pass|street|streets|m\\d+|i \\d+|a\\d+|junction|exit|causeway|turnpike|parkway)`;
const BODY = `(?:arm|wrist|ankle|leg|foot|feet|toe|toes|finger|fingers|thumb|hand|hip|knee|back|neck|shoulder|rib|ribs|nose|jaw|collarbone|elbow|head|eye|tooth|teeth|achilles|hamstring|acl|muscle|spine)`;
const POSS = `(?:my|his|her|their|a|the)`;

function group(target: CueTarget, weight: number, alternatives: readonly string[]): CueGroup {
  return {
    target,
    weight,
    pattern: new RegExp(`\\b(?:${alternatives.join('|')})s?(?![a-z0-9_])`, 'g'),
  };
}

export const CUE_GROUPS: readonly CueGroup[] = [
  // ---- ailments: category by whom it affects -------------------------------------
  group('illness', 3, [
    `(?:i am|i have been|i was|i feel|i got|im) ${plainGap(2)}(?:sick|ill|unwell|poorly|feverish|nauseous|contagious)`,
    `(?:sick|ill|unwell|poorly)`,
    `feeling ${plainGap(2)}(?:rough|awful|terrible|dreadful|rubbish|crap|crappy|lousy|sick|ill|unwell|poorly|off|bad|grim|horrible|worse|faint|dizzy|run down|under the weather)`,
    `not feeling ${gap(1)}(?:well|great|good|100|myself|so good|too good|the best)`,
    `under the weather`,
    `(?:influenza|flu|fever|high temperature|temperature|chills|covid|coronavirus)`,
    `tested positive`,
    `isolat(?:e|ing|ion)|quarantin(?:e|ed|ing)`,
    `food poisoning|migraine|migraines|headache|stomach (?:bug|virus|flu|upset|ache)|tummy (?:bug|ache)|(?:a|the|this|some) (?:bug|virus) (?:going|that is going)|stomach bug`,
    `virus|norovirus|vomiting|throwing up|threw up|thrown up|been sick|being sick|diarrhoea|nausea|sickness`,
    `(?:a|bad|nasty|heavy|head|chesty|stinking|streaming|horrible|awful) cold`,
    `cold and flu|chest infection|ear infection|eye infection|sinus infection|infection|strep|strep throat|croup|chickenpox|chicken pox|measles|mumps|conjunctivitis|pink eye|tonsillitis|laryngitis|bronchitis|pneumonia|sinusitis|sore throat|cough|coughing|asthma|allergic reaction|anaphylaxis|kidney stones?|gallstones?|appendicitis|shingles|glandular fever|mono|hand foot and mouth|rsv|lost my voice|no voice`,
    `anxiety|panic attacks?|depression|depressive|mental health|burnout|burn out|flare up|flare|dizzy|dizziness|vertigo|fainted|passed out|toothache|tooth ache|abscess|wisdom tooth|wisdom teeth|pregnan[a-z]*|morning sickness|in (?:a lot of )?pain|agony|painkillers|antibiotics|medication|contagious|bedridden|laid up|bed bound|hives|dehydrated|teething|symptoms`,
    `(?:not|in no) (?:fit|shape|state) to|wiped out|side effects|reaction to (?:the|my|a) (?:jab|vaccine|vaccination|booster|medication)|booster|jab`,
    `can not keep anything down|up all night (?:being sick|throwing up|vomiting)|caught (?:something|a bug|a cold|whatever|covid|the flu|a virus)|going (?:round|around)|(?:came|come|coming) down with`,
    `signed off|sick note|doctor note|(?:doctor|gp|nurse) (?:has )?(?:said|says|told|advised|wants|ordered|recommended|suggested|signed)|told to rest|bed rest|rest at home|recovering|recuperating`,
  ]),
  group('injury', 3, [
    `(?:broke|broken|fractured|sprained|twisted|hurt|injured|dislocated|cut|burned|burnt|bruised|banged|bumped|hit|pulled|strained|tore|torn|slipped|jarred) ${POSS} ${gap(1)}${BODY}`,
    `done (?:my|his|her) ${gap(1)}${BODY} in|can barely (?:walk|move|stand|sit|talk|breathe|see|speak)|injured|injury|injuries|concussion|concussed|stitches|crutches|a cast|in a cast|sling|whiplash|fell (?:off|down|over|on|from|out)|had a fall|after a fall|a fall|tripped|bee sting|wasp sting|stung|bitten|dog bite|threw ${gap(1)}back out|put ${gap(1)}back out|slipped a disc|bad back|back pain|hurt in an accident`,
  ]),
  group('injury', 2, [`accident|hurt`]),
  group('severe', 3, [
    `heart attack|stroke|seizure|intensive care|icu|life support|hospice|end of life|matter of (?:days|hours)|dying|deathbed|admitted|hospitalised|(?:is|in|was|remains|now) (?:a )?critical(?: condition)?|critically|rushed (?:in)?to ${gap(1)}(?:hospital|a_and_e|er|emergency)|taken (?:in)?to ${gap(1)}(?:hospital|a_and_e|er|emergency)|a_and_e|emergency room|ambulance|paramedics|emergency surgery|collapsed|overdose|in labour|went into labour|gone into labour|giving birth|gave birth|give birth|due to give birth|baby (?:is )?due|due any day|being induced|induced|c section|caesarean|waters broke|stabbed|shot|assaulted|attacked|mugged|miscarriage|(?:mental health|family|personal|health|medical) crisis|having a crisis|in crisis|(?:mental|nervous) breakdown|having a breakdown|had a breakdown|coma|cancer|chemo|diagnosed|chest pains?|for observation`,
  ]),
  group('hospital', 3, [
    `(?:in|at|to|from|into|inside) (?:the |a )?(?:local |children |childrens )?hospital(?! (?:building|campus|site|car park|parking|reception|entrance|trust|role|position|job|team|group|board))|hospital (?:stay|bed|ward|visit)|(?:at|in|to) (?:the )?er`,
  ]),
  group('medical', 3, [
    `(?:tonsils|appendix|wisdom teeth|wisdom tooth|tooth|teeth|gallbladder|stitches|cast) (?:out|removed|off)|having (?:an? |her |his |my )?(?:operation|procedure|surgery|op)`,
    `(?:doctor|doctors|gp|dentist|dental|medical|hospital|clinic|specialist|consultant|optician|eye|orthodontist|dermatologist|physio|physiotherapy|therapy|therapist|counselling|psychiatrist|gyn|obgyn|ob gyn|prenatal|antenatal|pregnancy related|ultrasound|scan|mri|ct|x ray|blood test|vaccination|vaccine|jab|follow up|fracture clinic|surgery|hospital|pre op|post op) (?:appointment|appointments|visit|check|checkup|check up|exam|consultation|review|session)`,
    `dentist|dental (?:work|surgery|procedure|emergency|treatment)|root canal|osteopath|chiropractor|physiotherapist|podiatrist|acupuncture|(?:back|knee|hip|neck|shoulder|heart|chest|stomach|eye) (?:problem|issue|injury|condition|pain)|booked in with (?:the|my|a) (?:doctor|gp|nurse|dentist|specialist|consultant|surgeon|physio|osteopath)|procedure(?!s)|surgery|operation(?!s)|biopsy|endoscopy|colonoscopy|mri|scan|blood (?:test|tests|work)|physio|chemo|dialysis|infusion|therapist|urgent care|walk in clinic|fracture clinic|clinic|check up|checkup|medical appointment|medical (?:matter|issue|reasons|emergency|procedure|leave)|health (?:reasons|issue|issues|matter|problem|problems|scare)`,
  ]),
  group('medical', 2, [
    `(?:my|the|a|see|seeing|to the|at the) (?:doctor|doctors|gp)|medical|health wise`,
  ]),
  group('vehicle', 3, [
    `car accident|car crash|(?:in|had) an? (?:bad |serious |terrible |awful |nasty |major |horrible )?accident|crash|crashed (?:my|the) car|collision|fender bender|rear ended|prang|pranged|hit my car|accident on the (?:way|road|motorway|highway)|minor accident|hit by a (?:car|truck|bus|van|cyclist)`,
  ]),

  // ---- dependent care ----------------------------------------------------------
  group('dependent_care', 3, [
    `childcare|child care|babysitter|baby sitter|sitter|nanny|childminder|au pair|daycare|day care|nursery|creche|preschool|pre school|after school (?:care|club)|breakfast club|kindergarten`,
    `school (?:is |are |has |have |just )?(?:closed|closing|shut|cancelled)|schools (?:are )?(?:closed|shut)|school closure|snow day|inset day|staff training day|teacher training day|teacher strike|teachers strike|school strike|half term|school holidays`,
    `school (?:just |has |have )?(?:called|rang|rung|phoned)|nursery (?:have |has |just )?(?:called|rang|rung|phoned)|daycare (?:just )?called|(?:sent|send|sending) (?:him|her|them) home|sent home from (?:school|nursery|daycare)|needs? (?:collecting|picking up|to be picked up)|picked up and|pick (?:him|her|them) up|collect (?:him|her|them)`,
    `no one (?:else )?(?:to|who can|that can|can) (?:watch|mind|look after|care for|pick up|collect|take care of|stay with|be with|babysit)|nobody (?:else )?(?:to|who can|can) (?:watch|mind|look after|care for|pick up|collect|take care of|stay with|be with|babysit)|(?:no|without|without any|lost (?:my|our)) (?:childcare|child care|sitter|babysitter|nanny|childminder|cover for (?:the kids|him|her|them)|one to watch (?:him|her|them|the kids))|no cover for (?:him|her|them|the kids|my ${gap(1)}${CHILD})`,
    `can not leave (?:him|her|them|my ${gap(1)}${CHILD}|mum|dad|my ${gap(1)}${RELATIVE}) (?:alone|on (?:his|her|their) own|home alone|by (?:himself|herself|themselves))`,
    `(?:who|whom) i (?:care for|look after)|take (?:him|her|them|my ${gap(1)}(?:${RELATIVE}|${CHILD})) (?:to|for) (?:the |his |her |their |an? )?(?:hospital|doctor|doctors|gp|dentist|clinic|appointment|check up|checkup|scan|dialysis|chemo)|(?:care for|caring for|carer for|caregiver for|look after|looking after|take care of|taking care of) (?:my |our )(?:${RELATIVE})|(?:district|community|visiting|home) nurse|no (?:backup|back up|cover)(?! (?:plan|at work))|(?:look after|looking after|watch|watching|mind|minding|stay home with|staying home with|stay at home with|home with|take care of|taking care of|care for|caring for|keep an eye on|keeping an eye on|sit with) (?:my |our |the )?(?:him|her|them|${CHILD})`,
    `carer|caregiver|care giver|caretaker|aide|home nurse|respite|care worker|day program|day centre|care home|primary caregiver|home help|support worker`,
  ]),

  // ---- family emergency --------------------------------------------------------
  group('family_emergency', 4, [
    `passed away|passed on|(?:has|had|have|just|recently|sadly) passed(?! (?:my|the|an?|it|on to|through|by|out))|died|death|bereavement|bereaved|funeral|funerals|a wake|memorial|lost (?:my|our) ${gap(1)}${RELATIVE}|lost (?:my|our) (?:dog|cat|pet)|family emergency|emergency in (?:my|the) family|family crisis|urgent family|family (?:situation|matter|issue|business) (?:that|which) (?:needs|requires)|house fire|(?:fire|flood|break in|burglary) at (?:my|our) ${gap(1)}(?:${RELATIVE}|parents|place|home|house)|emergency vet|animal hospital|hit by a car|(?:house|flat|home|apartment|place) (?:got |has |has been |was |is )?(?:flooded|burned down|burnt down|caught fire|burgled|broken into)|arrested|in (?:police )?custody|detained|police station|fire at (?:my|our) (?:flat|house|home|apartment|place|building)|(?:my|our) (?:flat|house|home|apartment|place) (?:caught fire|burned|burnt|flooded|was burgled|got burgled|was broken into)|had to move out`,
    `family ${gap(6)}(?:immediate|urgent)|(?:urgent|immediate|emergency) ${gap(3)}family|went missing|is missing|been missing`,
  ]),
  group('family_emergency', 1.5, [
    `emergency(?! (?:all hands|meeting|maintenance|release|fix|call|deploy|shift|department|medicine|services|response|team|planning|contact|contacts|number|nurse|physician|room))|vet`,
  ]),

  // ---- current job -------------------------------------------------------------
  group('work_commitment', 3, [
    `(?:my|our) (?:current )?(?:boss|manager|supervisor|director|team lead|line manager|employer|pi|foreman|head of department|dispatcher|principal)(?! (?:role|position|job|vacancy))`,
    `current (?:job|employer|role|position|company|team|workplace|client|contract)|at (?:my|our) (?:current )?(?:job|work|office|workplace|company)|my (?:work|job|shift|office|workplace)(?! (?:laptop|computer|phone|email|account|pc|mac|camera))`,
    `(?:closing|opening|night|day|early|late|double|extra|weekend) shifts?|(?<!(?:we|you|to|could|can|possibly|please|i) )shift(?! (?:the|our|it|this|to|that|things|my interview|interview|call|meeting|slot|time|date|back|forward))|shifts|rota|roster|overtime|on call|paged|p1|p0|sev ?1|incident team|production (?:outage|incident|issue|bug)|go live|product launch|deadline|month end|quarter end|year end|end of quarter|end of month|financial close|inventory|stocktake|stock take|regulatory filing|grant deadline|all hands|site inspection|performance review|client|clients|customer visit|customer site|quarterly review|board meeting|business trip|work trip|work travel|for work|work thing|work related|work commitment|work conference|training course|mandatory training|compulsory training|required training|short staffed|understaffed|two down|held over|mandated|my route|cover (?:for|a shift|shifts|my)|covering (?:for|her|his|their|shifts|three|two)|workload|presentation (?:at|to)|stuck at work|at work|keyholder|key holder|short handed|shorthanded|only one (?:on shift|working|in the office|who can)|only person (?:who can|on shift|working)|(?:can not|unable to) leave (?:the )?(?:store|shop|site|ward|restaurant|kitchen|warehouse|office|desk|branch|floor)|trade show|work event|offsite|away day|team building|appraisal|site visit|on site (?:in|at|with|for)|client (?:call|visit|site|dinner)|offshore|rotation|no leave|(?:on|working) (?:nights|lates|earlies|days this week)|(?:days|time) off (?:are |have been |were )?(?:cancelled|revoked|denied)|cancelled (?:all )?(?:days|time) off|cutover|cut over|system migration|migration|rollout|roll out|maintenance window|on the (?:[a-z]+ )?(?:team|crew) for|on the (?:cutover|release|launch|incident|migration|audit|deployment) (?:team|crew)|stock count|the family i work for|i work for|(?:annual )?leave (?:is |was )?(?:cancelled|denied|refused|not approved)|(?:can not|could not) get (?:leave|the leave)|fly in fly out|on tour with|(?:my|our) company|represent (?:my|our|the) (?:company|firm|team|employer)|(?:trade|industry|sales|work) (?:conference|show|fair)|working (?:late|doubles|a double|overtime|nights|the weekend|weekends|through)|doubles|all staff|urgent project|project (?:due|deadline)|due by end of day|end of day|(?:short|down) (?:two|three|a few) (?:people|staff)`,
    `(?:can not|could not|unable to|not able to|will not be able to) (?:get|take) (?:the |any )?(?:time|day|morning|afternoon|hours?) off|will not (?:let|release) me|not let me (?:leave|go|swap|off)|no one (?:else )?(?:to|who can|can|that can) (?:cover|go|step in)|nobody (?:else )?(?:to|who can|can) (?:cover|go|step in)|can not step away|can not leave (?:work|the office|the site|the store|early)|leave early|stay late|work late|working late|called in (?:to work|for)|put me on|scheduled me|on the floor`,
    `(?:i am|i work as|i work) (?:an? )?(?:nanny|babysitter|childminder|au pair|carer|care worker|support worker|teacher|nurse|doctor|paramedic|firefighter|police officer|officer|driver|chef|cook|server|bartender|engineer|developer|pharmacist|accountant|lawyer|solicitor|contractor|electrician|plumber|cashier|barista|consultant|analyst|manager|shift worker|in retail|in hospitality|at a|for a)`,
  ]),
  group('work_commitment', 2, [
    `conference|incident|release|launch|audit|filing|inspection|presenting|dispatch|workplace`,
  ]),
  group('work_commitment', 1, [
    `not optional|boss|(?<!hiring )manager(?! (?:role|position|job|vacancy))|supervisor|director(?! (?:role|position|job))|colleague|colleagues|coworkers?|co workers?|(?:my|our) ${gap(1)}office|parent teacher (?:conferences?|evening|night|meetings?)|required to attend|meeting at work|work meeting|team meeting`,
  ]),

  // ---- travel disruption ---------------------------------------------------------
  group('travel_disruption', 3, [
    `${TRANSIT} ${plainGap(6)}(?:cancelled|delayed|stuck|suspended|not running|broke down|broken down|diverted|running late|never (?:showed|came|turned up|arrived)|did not (?:show|come|turn up|arrive)|grounded|stopped|overbooked|terminated|derailed|no show|is down|are down|line is down|line down)`,
    `(?:cancelled|delayed|missed|grounded|diverted) ${gap(3)}(?:train|bus|flight|ferry|connection|plane|coach|tube|tram)`,
    `signal(?:ling)? (?:failure|failures|problems|issues|fault)|points failure|(?:tube|rail|train|transit|bus|subway|metro|transport|air traffic|airport|drivers|railway|dock|ferry|rmt|aslef) ${gap(2)}strikes?|walkout`,
    `${VEHICLE} ${plainGap(3)}(?:broke down|broken down|will not start|would not start|not starting|died|is dead|dead|flat|puncture|in the shop|at the garage|at the mechanic|being repaired|got towed|towed|stolen|overheated|broke|wont start|failed)`,
    `flat (?:tyre|tyres)|waiting (?:for|on) (?:recovery|the recovery|a tow|the tow|roadside|the aa|the rac|aaa)|puncture|broke down|broken down|tow truck|towed|roadside (?:assistance|recovery)|aaa|breakdown (?:service|cover|truck|recovery)|recovery (?:truck|van)|mechanic|the rac|the aa`,
    `${ROAD} ${plainGap(8)}(?:closed|shut|blocked|flooded|washed out|impassable|gridlocked|jammed|closure)|(?:closed|shut|blocked) ${gap(3)}${ROAD}|road closures?|roadworks|detour|diversion|gridlock|stuck in traffic|sat in traffic|in traffic|traffic jam|traffic|tailback|standstill|lorry overturned|overturned`,
    `snowed in|ice storm|blizzard|whiteout|black ice|landslide|mudslide|evacuat[a-z]+|stay home (?:order|advisory)|says stay home|do not travel|stranded|stuck (?:in|at) (?:the )?(?:airport|station|traffic)|plows|ploughs|gritters|not gritted|snowplow|${ROAD} ${gap(3)}(?:has not|have not|is not|not) been (?:cleared|gritted|plowed|ploughed|salted|reopened)|can not get (?:the|my|our) car out|heavy snow|snowstorm|snow storm|flash flood(?:ing)?|clamped|impounded|got towed|landslip|landslide|sinkhole|level crossing|pile ?up|nothing is moving|traffic is not moving|(?:trees?|power lines?) (?:down|fallen|came down)|brought (?:trees?|power lines?) down|fallen trees?|broken into|(?:window|windscreen|windshield) (?:is |was )?smashed|can not drive|in the garage|at the garage|fail(?:ed|ing) (?:its|the|my) mot|no (?:bus|buses|train|trains|tube|flights?) (?:that|which|until|till|running|today|tomorrow|gets)|no (?:way|means) (?:to get|of getting) (?:there|in|to)|can not get a (?:lift|ride|taxi|cab|train|bus)|locked out of (?:my|the) car|locksmith|keys locked in`,
    `(?:my )?(?:ride|lift|carpool|uber|lyft|taxi|cab) ${gap(1)}(?:fell through|cancelled|bailed|did not show|never showed|no show|is not coming|fell thru)|no (?:ride|lift|car|transport|way to get (?:there|in|to you))|do not have (?:a|my) car|without (?:a|my) car|can not get (?:there|in|across|down|out|to (?:you|your|the))|can not get out of (?:my|the|our) (?:driveway|house|road|street|village|town|estate|neighbourhood|canyon)|missed (?:my|the) (?:train|bus|flight|ferry|connection)`,
  ]),
  group('travel_disruption', 1.5, [
    `(?:will not|not going to|do not think i can|do not think i will) (?:get|make it) (?:there|to you|to your|in time|on time)|running (?:very |really )?late|going to be (?:very |really )?late|storm|snow|snowing|ice|icy|flood|flooding|floods|hurricane|tornado|wildfire|fog|high winds|weather|strike`,
  ]),
  group('travel_disruption', 1, [
    `uber|lyft|cab|taxi|surge|airport|stuck|police report|insurance details`,
  ]),

  // ---- technical issue -----------------------------------------------------------
  group('technical_issue', 3, [
    `${NET} ${plainGap(3)}${NET_DOWN}|no (?:internet|wifi|broadband|signal|reception|connection|service|power|electricity|data)|without (?:internet|wifi|power|electricity)|(?:isp|carrier|provider|network|internet|broadband|power|cell) outage|outage`,
    `${DEVICE} ${plainGap(4)}${BROKEN}|(?:spilled|spilt|dropped|smashed|cracked|broke) ${gap(4)}${DEVICE}|(?:zoom|teams|google meet|meet|webex|skype|slack|video (?:app|software|platform|link)) ${gap(3)}(?:crash|crashing|crashes|will not|would not|keeps|error|locked|not working|can not|failing|fails|broken|down)|(?:can not|unable to) (?:sign|log) (?:in|on|into)|account (?:is |was )?locked`,
    `power (?:cut|outage|failure|is out|out|went out|went off|has gone|is off|off|down)|(?:electricity|electric) (?:is )?(?:out|off|down)|blackout|lost power|knocked out ${gap(1)}power|power to (?:our|my|the)|the utility|electrical work`,
    `(?:will not|do not|would not|does not|did not) have (?:any |a |my )?(?:internet|wifi|power|electricity|signal|connection|computer|laptop|camera|webcam)|(?:can not|unable to|not able to) (?:get (?:back )?to|access|use|reach) (?:my |a )?(?:computer|laptop|desk|pc|equipment)|power (?:shutdown|shut off|shutoff|switched off|turned off)|rolling blackout|load shedding|offline|gone offline|(?:cable|line|fibre) (?:cut|damaged|down|outside)|replace the (?:cable|line|router)|planned (?:power )?outage|cable works|(?:do not have|without|no) (?:a |any |another |my |a working |any working )?(?:working )?(?:laptop|computer|desktop|webcam|camera|mic|microphone|headset|device)|it_dept|it support|tech support|support ticket|repair shop|in for repair|needs? (?:a )?repair|replacement ${gap(2)}(?:come|arrive)|at 0%|reimage|hotspot`,
  ]),
  group('technical_issue', 1, [
    `battery|\\d+%|stuck at|wifi|internet|laptop|webcam|camera|microphone`,
  ]),

  // ---- obligation ------------------------------------------------------------------
  group('obligation', 3, [
    `jury|juror|jury duty|jury service|summons|summoned|subpoena|subpoenaed|witness|testify|testifying|court|courthouse|court date|court hearing|court ordered|hearing(?! (?:from|back|about|more|aid))|tribunal|magistrate|magistrates|judge|deposition|probation|parole|custody hearing|legal obligation|legally required|civic`,
    `reserves?|reservist|national guard|guard duty|military|drill|deployment|deployed|army|navy|air force|marines|territorial army|called up|mobili[sz]ed|report for duty|reserve unit|annual training`,
    `religious|observance|observe|observing|holy day|high holy|yom kippur|rosh hashanah|passover|pesach|sukkot|shavuot|shabbat|sabbath|eid|ramadan|diwali|deepavali|holi|navratri|vaisakhi|good friday|ash wednesday|easter (?:sunday|service|services|mass)|christmas (?:eve |day )?(?:service|mass)|mass|church|synagogue|mosque|temple|gurdwara|prayers|(?:at|attend|attending|to) ${gap(2)}services|(?:religious|church|worship) services|hajj|umrah|ordination|baptism|christening|bar mitzvah|bat mitzvah|first communion|pilgrimage|fasting`,
    `visa|biometrics?|consular|consulate|embassy|uscis|immigration|green card|citizenship|naturali[sz]ation|oath ceremony|passport (?:appointment|renewal|interview|office)|residence permit|home office appointment|dmv|social security|benefits (?:appointment|assessment|office)|jobcentre|job centre|government appointment|government office|council appointment|polling|election (?:duty|worker)|census`,
  ]),

  // ---- another interview ------------------------------------------------------------
  group('other_interview', 3, [
    `another interview|other interview|interview elsewhere|interview somewhere else|interview with another|interview at another|interview for another|job interview|interviews? (?:with|at|for) (?:a )?(?:different|competing|another)`,
    `(?:have|got|scheduled|booked|invited to|doing|attending|taking|had to accept) (?:a|an) (?:(?!immigration|green|citizenship|visa|uscis|embassy|passport|asylum)[a-z0-9_]+ ){0,3}interview`,
    `(?:a|an) (?:second|final|third|2nd|3rd|last|technical|panel|onsite|on site|final stage|second round|final round|group|job|first round|in person|competency|behavioural|behavioral) ${gap(1)}interview`,
    `(?:second|final|last|third|2nd|3rd|first) (?:round|stage)|another (?:company|firm|place|employer|organisation|role|job|position|opportunity|business|agency|bank|startup)|other (?:company|firm|employer)`,
    `assessment (?:centre|day)|onsite assessment|take home (?:assessment|test|task|assignment|exercise)|coding (?:test|challenge|assessment|exercise|interview)|case study|technical (?:test|assessment|exercise|screen)|psychometric|superday|their onsite|an onsite|panel interview`,
    `(?:received|got|have|had) (?:an|a|a job|another|one) offer|offer (?:from|elsewhere|deadline)|decision deadline|exploding offer|(?:their|the other|another) offer|job offer|(?:been |was |got )?offered (?:a|the|another) (?:role|job|position|place) (?:elsewhere|at|with|by)|competing (?:interview|offer|process|opportunity)|interview process|(?:with|at|for) a different (?:company|firm|employer|organisation|team)|(?:another|a different) (?:hiring|interview) process|onsite with|final interviews?|another opportunity|another recruiter|(?:a|another) different (?:role|job|position|company|firm|employer)|different role`,
  ]),
  group('other_interview', 1, [
    `panel|recruiter|elsewhere|somewhere else|headhunter|hiring process`,
  ]),

  // ---- scheduling conflict ----------------------------------------------------------
  group('scheduling_conflict', 3, [
    `double booked|double book|double booking|doublebooked|overbooked|two ${gap(1)}invites|accepted two|booked two`,
    `mix(?:ed)? up|mixup|mixed up|got (?:the )?${gap(2)}(?:wrong|mixed up|confused)|wrong (?:week|day|date|time|month)|misread|misremembered|misunderstood|confused (?:the )?(?:dates|times|days)|thought (?:the|our|it|that)? ?(?:interview )?(?:was|is|would be)|time ?zones?|time difference|clock change|clocks (?:went|go|changed)|daylight saving|in my (?:own )?time zone`,
    `prior (?:commitment|engagement|arrangement|obligation|appointment|plans)|previous (?:commitment|engagement|arrangement|plans)|existing commitment|another commitment|other commitment|a commitment|commitment (?:i|that)|committed (?:to|elsewhere|that|then)|already (?:committed|booked|agreed|promised|said yes|scheduled|arranged|have plans|have something|made plans)|said yes to something|(?:need|have|got) to be (?:somewhere else|elsewhere)|booked over|accidentally booked|(?:with|to) something else|something else (?:on|at|booked|then|that)|over (?:our|the|your) slot|standing (?:commitment|engagement|appointment|meeting)|wrote down the wrong|something (?:else )?(?:booked|scheduled|planned|on)|scheduled something|booked something|(?:a|one|some) (?:thing|commitment|engagement) ${gap(3)}(?:can not|could not|unable to) (?:get out of|move|change|back out of|cancel|miss|reschedule|rearrange)|can not get out of|can not back out of|can not move|unable to move|tied up|have plans|got plans|made plans|engagement`,
  ]),
  group('scheduling_conflict', 2.5, [
    `clash|clashes|conflict|conflicts|conflicting|overlaps?|forgot|forgotten|totally spaced|spaced|slipped my mind|overlooked|oversight|my (?:bad|fault|mistake|error)|(?:totally|all|entirely|completely|that is|this is|it is|its) on me|error in my (?:diary|calendar)|in my (?:diary|calendar)`,
  ]),

  // ---- personal event ---------------------------------------------------------------
  group('personal_event', 3, [
    `concert|gig|tickets|festival|coachella|glastonbury|playoffs?|playoff game|opener|opening day|home opener|season tickets|super bowl|world cup|cup final|grand final|tournament|race day|marathon|half marathon|triathlon|5k|10k|ironman|wedding|groomsman|bridesmaid|best man|maid of honour|stag|stag do|hen do|hen party|bachelor party|bachelorette|baby shower|bridal shower|birthday|anniversary|reunion|graduation|prom|(?:friend|mate|sister|brother|mum|dad|partner|wife|husband|cousin|aunt|uncle|grandmother|grandfather|son|daughter|niece|nephew|colleague|boss|best friend) \\d+(?:st|nd|rd|th)|(?:swim|track|powerlifting|lifting|weightlifting|gymnastics|athletics|wrestling|judo|karate|chess|debate|dance|cheer|climbing|boxing|cycling) (?:meet|competition|tournament|event|match|bout|race)|competing in|compete in|racing in|running in (?:a|the)|final four|semi final|semifinal|quarter final|championships?|competition|fixture|regatta|grand prix|tee time|swim meet|track meet|derby|wimbledon|olympics|playing in (?:the|a|my|our) ${gap(3)}(?:final|match|game|tournament|league|cup|race|competition|show|concert|gig|play|musical)|musical|ballet|opera|comedy show|stand up show|gala|housewarming|engagement party|gender reveal|sleepover|night out|girls night|boys night|bbq|barbecue|tattoo|piercing|hair (?:appointment|appt)|haircut|salon|nail appointment|pub quiz|bar crawl|retreat|safari|theme park|disney|disneyland|disney world|tickets? (?:to|for)|seats (?:to|for)|(?:going to|tickets to|seeing|at|hosting|throwing) (?:the|a|my) ${gap(3)}(?:show|game|match|concert|gig|party)`,
    `(?:on|booked|family|summer|winter|going on|away on) (?:a )?holiday|holiday (?:in|to|booked|abroad)|vacation|vacay|getaway|weekend away|city break|honeymoon|cruise|(?:fishing|ski|skiing|road|camping|golf|girls|boys|hiking|surf|surfing|beach|family) trip|trip abroad|dinner reservations?|reservation|date night|spa day|brunch`,
    `(?:pottery|yoga|dance|cooking|art|painting|music|piano|guitar|singing|swimming|driving|tennis|golf|climbing|spin|pilates) (?:class|lesson|lessons|session)|class i (?:already )?paid|rehearsal|dress rehearsal|performing|recital|opening night|exhibition|premiere|book club|choir|band practice|bowling|poker|game night|hobby|camping|hiking|skiing|fishing|theatre|cinema|movie|comic con`,
  ]),
  group('personal_event', 2, [
    `thanksgiving|christmas (?:dinner|party|lunch)|hosting (?:a |the |my |our )?(?:dinner|party|friends|family|bbq|barbecue|lunch|brunch|christmas|thanksgiving|get together)|skydive|sky dive|bungee|abseil|fun run|charity (?:run|walk|ride|event|swim|climb)|nativity|school (?:play|concert|show|sports day)|sports day|(?:kids|son|daughter|child|children) (?:play|concert|recital|show|match|game)|moving house|house move|moving day|help(?:ing)? (?:a |my |our )?(?:friend|mate|friends|parents|mum|dad|sister|brother|cousin|neighbour|neighbours) (?:to )?move|(?:seeing|going to see|off to see|watching) (?!my |our |his |her |the doctor|a doctor|the gp|a specialist|the dentist|a consultant)[a-z]+ (?:[a-z]+ )?(?:in|at|live|play|perform)|going away|away for (?:it|the weekend|a few days|a long weekend)|training for|going to see|off to see|(?<!(?:round|stage|interview) )final(?! (?:round|stage|interview|decision|offer|deadline|exam|exams|review))|(?<!third )party|parties|holiday|ticket|game|match|league|golf|gym|performance(?! review)|production(?! (?:outage|incident|issue|bug|line|release))|meetup|meet up|convention|expo|celebration|celebrating|festivities|plans with friends|friends`,
  ]),
];

/** Phrases that turn a following cue off within its clause ("not sick", "nothing to do with work"). */
export const NEGATORS =
  /\b(?:not|no|never|nor|neither|nothing to do with|nothing|nobody|no one|noone|without|hardly|instead of|rather than|not about|is not about|isn ?t|aside from|apart from|except)\b/g;

/** Words a negation reaches across ("not a work thing", "not that i am sick"). */
export const NEGATION_TRANSPARENT = new Set([
  'a',
  'an',
  'the',
  'my',
  'our',
  'so',
  'very',
  'really',
  'too',
  'that',
  'this',
  'exactly',
  'at',
  'all',
  'any',
  'feeling',
  'feel',
  'i',
  'am',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'it',
  'thing',
  'about',
  'because',
  'of',
  'due',
  'to',
  'with',
  'just',
  'even',
  'actually',
  'sure',
  'anything',
  'related',
  'quite',
  'super',
  'remotely',
  'much',
  'more',
  'or',
  'anything',
  'something',
  'like',
  'due',
  'contagious',
  'and',
  'me',
  'it',
  'has',
  'have',
  'got',
  'any',
  'some',
  'im',
  'you',
  'worry',
  'whole',
  'entirely',
  'totally',
  'what',
  'this',
  'related',
  'on',
  'end',
  'part',
  'bit',
  'way',
  'problem',
  'issue',
]);

/** Said after a cue: it is not the blocker ("work is fine", "childcare is covered"). */
export const POST_NEGATION =
  /^(?: [a-z]+){0,2}? (?:is|are|was|s|has been|have been|side is|thing is)? ?(?:not (?:an? |the )?(?:issue|problem|reason|why|concern|it|what)|fine|ok|okay|covered|sorted|handled|taken care of|under control|all good|not an issue|no problem|not a problem|resolved)\b/;

/** A clause that says the thing just mentioned is not the reason. */
export const DENIAL =
  /\b(?:(?:that|this|it|which) (?:is|was|are) not (?:why|the (?:problem|issue|reason)|what (?:this|it) is about|it|an issue|a problem)|not what this is about|that is not the (?:problem|issue|reason)|not why i am writing|so that (?:is|s) not|that side is (?:covered|sorted)|(?:is|are) (?:covered|sorted|taken care of)|i have since (?:moved|rescheduled|cancelled)|which i have since|not the (?:problem|issue|reason))\b/;

/** Markers after which the real reason tends to come. */
export const CONTRAST_AFTER =
  /^(?:but|however|actually|though|the real reason|the (?:real |actual )?(?:problem|issue|thing|reason) is|what is (?:really )?(?:going on|happening)|instead|unfortunately|sadly|the truth is|honestly|in fact|turns out)\b/;

/** A concession: what follows is context, not the blocker. */
export const CONCESSION =
  /^(?:although|even though|while|whilst|despite|apart from|aside from|besides)\b/;

/** Recovery or past tense: the ailment no longer stops anyone. */
export const RECOVERED =
  /\b(?:(?:feel|feeling|am|i am) (?:much |a lot |way |loads )?better|recovered|over (?:it|the worst)|fine now|better now|last week|last month|previously|dodged it)\b/;
