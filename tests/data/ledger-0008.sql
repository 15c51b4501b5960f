PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO alembic_version VALUES('0008');
CREATE TABLE party (
	id INTEGER NOT NULL, 
	code VARCHAR(16) NOT NULL, 
	name TEXT NOT NULL, 
	kind VARCHAR(16) NOT NULL, voided BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_party PRIMARY KEY (id), 
	CONSTRAINT ck_party_code_not_empty CHECK (code <> ''), 
	CONSTRAINT ck_party_kind_known CHECK (kind IN ('state', 'organisation', 'group', 'other')), 
	CONSTRAINT ck_party_name_not_empty CHECK (name <> ''), 
	CONSTRAINT uq_party_code UNIQUE (code)
);
INSERT INTO party VALUES(1,'ICRC','International Committee of the Red Cross','organisation',0);
INSERT INTO party VALUES(2,'RUS','Russian Federation','state',0);
INSERT INTO party VALUES(3,'TUR','Türkiye','state',0);
INSERT INTO party VALUES(4,'UAE','United Arab Emirates','state',0);
INSERT INTO party VALUES(5,'UKR','Ukraine','state',0);
INSERT INTO party VALUES(6,'USA','United States','state',0);
CREATE TABLE process (
	id INTEGER NOT NULL, 
	"key" VARCHAR(120) NOT NULL, 
	name TEXT NOT NULL, 
	description TEXT, voided BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_process PRIMARY KEY (id), 
	CONSTRAINT ck_process_key_not_empty CHECK (key <> ''), 
	CONSTRAINT ck_process_name_not_empty CHECK (name <> ''), 
	CONSTRAINT uq_process_key UNIQUE ("key")
);
INSERT INTO process VALUES(1,'istanbul-2025','Russia–Ukraine direct talks, Istanbul, 2025','Three rounds of direct talks between the delegations of Russia and Ukraine in Istanbul, hosted by Türkiye, May to July 2025.',0);
CREATE TABLE source (
	id INTEGER NOT NULL, 
	"key" VARCHAR(120) NOT NULL, 
	publisher TEXT NOT NULL, 
	title TEXT, 
	url TEXT, 
	published DATE, 
	published_precision VARCHAR(5), 
	language VARCHAR(16), 
	kind VARCHAR(20) NOT NULL, voided BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_source PRIMARY KEY (id), 
	CONSTRAINT ck_source_published_precision CHECK ((published IS NULL AND published_precision IS NULL) OR (published IS NOT NULL AND published_precision IN ('day', 'month'))), 
	CONSTRAINT ck_source_key_not_empty CHECK (key <> ''), 
	CONSTRAINT ck_source_kind_known CHECK (kind IN ('official', 'media', 'ngo', 'intergovernmental', 'other')), 
	CONSTRAINT ck_source_publisher_not_empty CHECK (publisher <> ''), 
	CONSTRAINT uq_source_key UNIQUE ("key")
);
INSERT INTO source VALUES(1,'anews-2025-07-23','A News',NULL,NULL,'2025-07-23','day','en','media',0);
INSERT INTO source VALUES(2,'babel-121896','Babel',NULL,'https://babel.ua/en/news/121896',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(3,'brecorder-40378667','Business Recorder',NULL,'https://brecorder.com/news/40378667',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(4,'censor-3554211','Censor.net',NULL,'https://censor.net/en/news/3554211',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(5,'censor-photonews-3558001','Censor.net',NULL,'https://censor.net/en/photonews/3558001',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(6,'chaspravdy-2025-07-23','Chas Pravdy','US Supports New Round of Ukraine-Russia Negotiations in Istanbul: Hope for Peace Amid War’s Hardship',NULL,'2025-07-23','day','en','media',0);
INSERT INTO source VALUES(7,'eziguide','eziguide',NULL,'https://eziguide.com',NULL,NULL,NULL,'media',0);
INSERT INTO source VALUES(8,'head-post','Head Post',NULL,'https://head-post.com',NULL,NULL,NULL,'media',0);
INSERT INTO source VALUES(9,'hindustantimes-101747404933556','Hindustan Times',NULL,NULL,NULL,NULL,'en','media',0);
INSERT INTO source VALUES(10,'hurriyetdailynews-213751','Hürriyet Daily News',NULL,NULL,NULL,NULL,'en','media',0);
INSERT INTO source VALUES(11,'kyivindependent-ukraine-russia-pow-swap','Kyiv Independent',NULL,'https://kyivindependent.com/ukraine-russia-pow-swap',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(12,'liga-2025-06-13','LIGA.net',NULL,NULL,'2025-06-13','day',NULL,'media',0);
INSERT INTO source VALUES(13,'meduza-2025-07-24-more-swaps-but-no-deal','Meduza',NULL,'https://meduza.io/en/feature/2025/07/24/more-swaps-but-no-deal','2025-07-24','day','en','media',0);
INSERT INTO source VALUES(14,'menafn-1109591789','MENAFN',NULL,'https://menafn.com/1109591789',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(15,'menafn-1109970605','MENAFN',NULL,'https://menafn.com/1109970605',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(16,'moscowtimes-2025-06-12','The Moscow Times',NULL,NULL,'2025-06-12','day','en','media',0);
INSERT INTO source VALUES(17,'moscowtimes-2025-07-04','The Moscow Times',NULL,NULL,'2025-07-04','day','en','media',0);
INSERT INTO source VALUES(18,'moscowtimes-2025-07-17','The Moscow Times',NULL,NULL,'2025-07-17','day','en','media',0);
INSERT INTO source VALUES(19,'moscowtimes-2025-08-14','The Moscow Times',NULL,NULL,'2025-08-14','day','en','media',0);
INSERT INTO source VALUES(20,'moscowtimes-2025-09-18','The Moscow Times',NULL,NULL,'2025-09-18','day','en','media',0);
INSERT INTO source VALUES(21,'moscowtimes-2025-10-23','The Moscow Times',NULL,NULL,'2025-10-23','day','en','media',0);
INSERT INTO source VALUES(22,'ndtv-9670706','NDTV',NULL,NULL,NULL,NULL,'en','media',0);
INSERT INTO source VALUES(23,'politico-russia-ukraine-war-ceasefire-peace-talks','Politico Europe',NULL,'https://politico.eu/article/russia-ukraine-war-ceasefire-peace-talks',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(24,'pravda-7512561','Ukrainska Pravda',NULL,'https://pravda.com.ua/eng/news/2025/05/16/7512561','2025-05-16','day','en','media',0);
INSERT INTO source VALUES(25,'pravda-7513734','Ukrainska Pravda',NULL,'https://pravda.com.ua/eng/news/2025/05/23/7513734','2025-05-23','day','en','media',0);
INSERT INTO source VALUES(26,'pravda-7517139','Ukrainska Pravda',NULL,'https://pravda.com.ua/eng/news/2025/06/14/7517139','2025-06-14','day','en','media',0);
INSERT INTO source VALUES(27,'pravda-7517351','Ukrainska Pravda',NULL,'https://pravda.com.ua/eng/news/2025/06/16/7517351','2025-06-16','day','en','media',0);
INSERT INTO source VALUES(28,'pravda-7523145','Ukrainska Pravda',NULL,'https://pravda.com.ua/eng/news/2025/07/23/7523145','2025-07-23','day','en','media',0);
INSERT INTO source VALUES(29,'tass-1959169','TASS',NULL,'https://tass.com/politics/1959169',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(30,'tass-1967455','TASS',NULL,'https://tass.com/politics/1967455',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(31,'themedialine','The Media Line',NULL,'https://themedialine.org',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(32,'trtworld-e8f4a5359941','TRT World',NULL,'https://trtworld.com/article/e8f4a5359941',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(33,'trtworld-f6f8e8ff4259','TRT World',NULL,'https://trtworld.com/article/f6f8e8ff4259',NULL,NULL,'en','media',0);
INSERT INTO source VALUES(34,'wionews-1748869852279','WION',NULL,NULL,NULL,NULL,'en','media',0);
INSERT INTO source VALUES(35,'wionews-1753299653042','WION',NULL,NULL,NULL,NULL,'en','media',0);
CREATE TABLE party_alias (
	id INTEGER NOT NULL, 
	party_id INTEGER NOT NULL, 
	alias TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_party_alias PRIMARY KEY (id), 
	CONSTRAINT ck_party_alias_alias_not_empty CHECK (alias <> ''), 
	CONSTRAINT fk_party_alias_party_id_party FOREIGN KEY(party_id) REFERENCES party (id), 
	CONSTRAINT uq_party_alias_alias UNIQUE (alias)
);
INSERT INTO party_alias VALUES(2,3,'Turkey',0);
INSERT INTO party_alias VALUES(3,5,'Україна',0);
INSERT INTO party_alias VALUES(4,2,'Россия',0);
CREATE TABLE round (
	id INTEGER NOT NULL, 
	"key" VARCHAR(120) NOT NULL, 
	process_id INTEGER NOT NULL, 
	number INTEGER NOT NULL, 
	start_date DATE, 
	end_date DATE, 
	status VARCHAR(16) NOT NULL, 
	venue TEXT, 
	city TEXT, 
	country TEXT, 
	notes TEXT, voided BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_round PRIMARY KEY (id), 
	CONSTRAINT ck_round_key_not_empty CHECK (key <> ''), 
	CONSTRAINT ck_round_status_known CHECK (status IN ('announced', 'scheduled', 'held', 'postponed', 'cancelled')), 
	CONSTRAINT ck_round_end_not_before_start CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date), 
	CONSTRAINT ck_round_number_positive CHECK (number >= 1), 
	CONSTRAINT fk_round_process_id_process FOREIGN KEY(process_id) REFERENCES process (id), 
	CONSTRAINT uq_round_key UNIQUE ("key"), 
	CONSTRAINT uq_round_process_id_number UNIQUE (process_id, number)
);
INSERT INTO round VALUES(1,'istanbul-2025-r1',1,1,'2025-05-16',NULL,'held','Dolmabahçe Palace','Istanbul','Türkiye','Chaired by Turkish Foreign Minister Hakan Fidan.',0);
INSERT INTO round VALUES(2,'istanbul-2025-r2',1,2,'2025-06-02',NULL,'held','Çırağan Palace','Istanbul','Türkiye',NULL,0);
INSERT INTO round VALUES(3,'istanbul-2025-r3',1,3,'2025-07-23',NULL,'held','Çırağan Palace','Istanbul','Türkiye','About 40 minutes. The date was announced differently beforehand (see the claims).',0);
CREATE TABLE transfer (
	id INTEGER NOT NULL, 
	"key" VARCHAR(120) NOT NULL, 
	date DATE NOT NULL, 
	date_precision VARCHAR(5) NOT NULL, 
	deliverer_id INTEGER NOT NULL, 
	receiver_id INTEGER NOT NULL, 
	category VARCHAR(16) NOT NULL, 
	count INTEGER, 
	exchange VARCHAR(120), 
	location TEXT, 
	notes TEXT, voided BOOLEAN DEFAULT 0 NOT NULL, terms_text TEXT DEFAULT '' NOT NULL, intermediaries_text TEXT DEFAULT '' NOT NULL, sources_text TEXT DEFAULT '' NOT NULL, 
	CONSTRAINT pk_transfer PRIMARY KEY (id), 
	CONSTRAINT ck_transfer_category_known CHECK (category IN ('pow', 'civilian', 'child', 'bodies')), 
	CONSTRAINT ck_transfer_date_precision_known CHECK (date_precision IN ('day', 'month')), 
	CONSTRAINT ck_transfer_key_not_empty CHECK (key <> ''), 
	CONSTRAINT ck_transfer_count_non_negative CHECK (count IS NULL OR count >= 0), 
	CONSTRAINT ck_transfer_deliverer_not_receiver CHECK (deliverer_id <> receiver_id), 
	CONSTRAINT fk_transfer_deliverer_id_party FOREIGN KEY(deliverer_id) REFERENCES party (id), 
	CONSTRAINT fk_transfer_receiver_id_party FOREIGN KEY(receiver_id) REFERENCES party (id), 
	CONSTRAINT uq_transfer_key UNIQUE ("key")
);
INSERT INTO transfer VALUES(1,'2025-05-23-rus-ukr-civilian','2025-05-23','day',2,5,'civilian',120,'swap-2025-05-23',NULL,NULL,1,'r1-pow-1000-for-1000','','pravda-7513734');
INSERT INTO transfer VALUES(2,'2025-05-23-rus-ukr-pow','2025-05-23','day',2,5,'pow',271,'swap-2025-05-23',NULL,NULL,0,'r1-pow-1000-for-1000','','pravda-7513734');
INSERT INTO transfer VALUES(3,'2025-05-23-ukr-rus-civilian','2025-05-23','day',5,2,'civilian',120,'swap-2025-05-23',NULL,NULL,0,'r1-pow-1000-for-1000','','pravda-7513734');
INSERT INTO transfer VALUES(4,'2025-05-23-ukr-rus-pow','2025-05-23','day',5,2,'pow',270,'swap-2025-05-23',NULL,NULL,0,'r1-pow-1000-for-1000','','pravda-7513734');
INSERT INTO transfer VALUES(5,'2025-05-24-rus-ukr-pow','2025-05-24','day',2,5,'pow',307,'swap-2025-05-24',NULL,'The source gives the figure per side without a split between military prisoners and civilians.',0,'r1-pow-1000-for-1000','','menafn-1109591789');
INSERT INTO transfer VALUES(6,'2025-05-24-ukr-rus-pow','2025-05-24','day',5,2,'pow',307,'swap-2025-05-24',NULL,'The source gives the figure per side without a split between military prisoners and civilians.',0,'r1-pow-1000-for-1000','','menafn-1109591789');
INSERT INTO transfer VALUES(7,'2025-05-25-rus-ukr-pow','2025-05-25','day',2,5,'pow',303,'swap-2025-05-25',NULL,'The source gives the figure per side without a split between military prisoners and civilians. This stage completed the 1,000.',0,'r1-pow-1000-for-1000','','censor-3554211');
INSERT INTO transfer VALUES(8,'2025-05-25-ukr-rus-pow','2025-05-25','day',5,2,'pow',303,'swap-2025-05-25',NULL,'The source gives the figure per side without a split between military prisoners and civilians. This stage completed the 1,000.',0,'r1-pow-1000-for-1000','','censor-3554211');
INSERT INTO transfer VALUES(9,'2025-06-ukr-rus-bodies','2025-06-01','month',5,2,'bodies',78,NULL,NULL,'Mid-June; a single source gives this figure.',0,'r2-bodies-6000','','head-post');
INSERT INTO transfer VALUES(10,'2025-06-09-rus-ukr-pow','2025-06-09','day',2,5,'pow',NULL,'swap-2025-06-09',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(11,'2025-06-09-ukr-rus-pow','2025-06-09','day',5,2,'pow',NULL,'swap-2025-06-09',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(12,'2025-06-10-rus-ukr-pow','2025-06-10','day',2,5,'pow',NULL,'swap-2025-06-10',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(13,'2025-06-10-ukr-rus-pow','2025-06-10','day',5,2,'pow',NULL,'swap-2025-06-10',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(14,'2025-06-11-rus-ukr-bodies','2025-06-11','day',2,5,'bodies',1212,NULL,NULL,NULL,0,'r2-bodies-6000','','pravda-7517351');
INSERT INTO transfer VALUES(15,'2025-06-12-rus-ukr-pow','2025-06-12','day',2,5,'pow',NULL,'swap-2025-06-12',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended. Returnees to Ukraine were aged 22 to 59.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','moscowtimes-2025-06-12');
INSERT INTO transfer VALUES(16,'2025-06-12-ukr-rus-pow','2025-06-12','day',5,2,'pow',NULL,'swap-2025-06-12',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','moscowtimes-2025-06-12');
INSERT INTO transfer VALUES(17,'2025-06-13-rus-ukr-bodies','2025-06-13','day',2,5,'bodies',1200,NULL,NULL,NULL,0,'r2-bodies-6000','','liga-2025-06-13');
INSERT INTO transfer VALUES(18,'2025-06-14-rus-ukr-bodies','2025-06-14','day',2,5,'bodies',1200,NULL,NULL,NULL,0,'r2-bodies-6000','','censor-photonews-3558001');
INSERT INTO transfer VALUES(19,'2025-06-14-rus-ukr-pow','2025-06-14','day',2,5,'pow',NULL,'swap-2025-06-14',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended. Returnees to Ukraine were mostly officers.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','pravda-7517139');
INSERT INTO transfer VALUES(20,'2025-06-14-ukr-rus-pow','2025-06-14','day',5,2,'pow',NULL,'swap-2025-06-14',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','pravda-7517139');
INSERT INTO transfer VALUES(21,'2025-06-15-rus-ukr-bodies','2025-06-15','day',2,5,'bodies',1200,NULL,NULL,NULL,0,'r2-bodies-6000','','pravda-7517351');
INSERT INTO transfer VALUES(22,'2025-06-16-rus-ukr-bodies','2025-06-16','day',2,5,'bodies',1245,NULL,NULL,'Ukraine''s running total reached 6,057 under the Istanbul agreements on 16 June.',0,'r2-bodies-6000','','pravda-7517351');
INSERT INTO transfer VALUES(23,'2025-06-26-rus-ukr-pow','2025-06-26','day',2,5,'pow',NULL,'swap-2025-06-26',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(24,'2025-06-26-ukr-rus-pow','2025-06-26','day',5,2,'pow',NULL,'swap-2025-06-26',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(25,'2025-07-04-rus-ukr-pow','2025-07-04','day',2,5,'pow',NULL,'swap-2025-07-04',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(26,'2025-07-04-ukr-rus-pow','2025-07-04','day',5,2,'pow',NULL,'swap-2025-07-04',NULL,'Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','moscowtimes-2025-07-04');
INSERT INTO transfer VALUES(27,'2025-07-17-rus-ukr-bodies','2025-07-17','day',2,5,'bodies',1000,'bodies-2025-07-17',NULL,NULL,0,'','','moscowtimes-2025-07-17');
INSERT INTO transfer VALUES(28,'2025-07-17-ukr-rus-bodies','2025-07-17','day',5,2,'bodies',19,'bodies-2025-07-17',NULL,NULL,0,'','','moscowtimes-2025-07-17');
INSERT INTO transfer VALUES(29,'2025-07-23-rus-ukr-pow','2025-07-23','day',2,5,'pow',NULL,'swap-2025-07-23',NULL,'Medinsky gave about 250 per side (a single source, kept as a claim). Ukraine called it the ninth stage and said over 1,000 had returned across all round 2 stages.',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','pravda-7523145');
INSERT INTO transfer VALUES(30,'2025-07-23-ukr-rus-pow','2025-07-23','day',5,2,'pow',NULL,'swap-2025-07-23',NULL,'Medinsky gave about 250 per side (a single source, kept as a claim).',0,'r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000','','pravda-7523145');
INSERT INTO transfer VALUES(31,'2025-08-14-rus-ukr-pow','2025-08-14','day',2,5,'pow',84,'swap-2025-08-14',NULL,'The public record marks its link to the Istanbul terms as disputed.',0,'','UAE','moscowtimes-2025-08-14');
INSERT INTO transfer VALUES(32,'2025-08-14-ukr-rus-pow','2025-08-14','day',5,2,'pow',84,'swap-2025-08-14',NULL,'The public record marks its link to the Istanbul terms as disputed.',0,'','UAE','moscowtimes-2025-08-14');
INSERT INTO transfer VALUES(33,'2025-08-19-rus-ukr-bodies','2025-08-19','day',2,5,'bodies',1000,'bodies-2025-08-19',NULL,NULL,0,'','','brecorder-40378667');
INSERT INTO transfer VALUES(34,'2025-08-19-ukr-rus-bodies','2025-08-19','day',5,2,'bodies',19,'bodies-2025-08-19',NULL,NULL,0,'','','brecorder-40378667');
INSERT INTO transfer VALUES(35,'2025-08-24-rus-ukr-civilian','2025-08-24','day',2,5,'civilian',8,'swap-2025-08-24',NULL,'The public record marks its link to the Istanbul terms as disputed.',0,'','','menafn-1109970605;themedialine');
INSERT INTO transfer VALUES(36,'2025-08-24-rus-ukr-pow','2025-08-24','day',2,5,'pow',146,'swap-2025-08-24',NULL,'The public record marks its link to the Istanbul terms as disputed.',0,'','','menafn-1109970605;themedialine');
INSERT INTO transfer VALUES(37,'2025-08-24-ukr-rus-civilian','2025-08-24','day',5,2,'civilian',8,'swap-2025-08-24',NULL,'The public record marks its link to the Istanbul terms as disputed.',0,'','','menafn-1109970605;themedialine');
INSERT INTO transfer VALUES(38,'2025-08-24-ukr-rus-pow','2025-08-24','day',5,2,'pow',146,'swap-2025-08-24',NULL,'The public record marks its link to the Istanbul terms as disputed.',0,'','','menafn-1109970605;themedialine');
INSERT INTO transfer VALUES(39,'2025-09-18-rus-ukr-bodies','2025-09-18','day',2,5,'bodies',1000,'bodies-2025-09-18',NULL,NULL,0,'','','moscowtimes-2025-09-18;hurriyetdailynews-213751');
INSERT INTO transfer VALUES(40,'2025-09-18-ukr-rus-bodies','2025-09-18','day',5,2,'bodies',24,'bodies-2025-09-18',NULL,NULL,0,'','','moscowtimes-2025-09-18;hurriyetdailynews-213751');
INSERT INTO transfer VALUES(41,'2025-10-02-rus-ukr-civilian','2025-10-02','day',2,5,'civilian',20,'swap-2025-10-02',NULL,'Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).',0,'r3-pow-1200-for-1200','','trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896');
INSERT INTO transfer VALUES(42,'2025-10-02-rus-ukr-pow','2025-10-02','day',2,5,'pow',185,'swap-2025-10-02',NULL,'Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).',0,'r3-pow-1200-for-1200','','trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896');
INSERT INTO transfer VALUES(43,'2025-10-02-ukr-rus-civilian','2025-10-02','day',5,2,'civilian',20,'swap-2025-10-02',NULL,'Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).',0,'r3-pow-1200-for-1200','','trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896');
INSERT INTO transfer VALUES(44,'2025-10-02-ukr-rus-pow','2025-10-02','day',5,2,'pow',185,'swap-2025-10-02',NULL,'Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).',0,'r3-pow-1200-for-1200','','trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896');
INSERT INTO transfer VALUES(45,'2025-10-23-rus-ukr-bodies','2025-10-23','day',2,5,'bodies',1000,'bodies-2025-10-23',NULL,NULL,0,'','','moscowtimes-2025-10-23');
INSERT INTO transfer VALUES(46,'2025-10-23-ukr-rus-bodies','2025-10-23','day',5,2,'bodies',31,'bodies-2025-10-23',NULL,'A single source gives this figure.',0,'','','eziguide');
INSERT INTO transfer VALUES(47,'2025-11-20-rus-ukr-bodies','2025-11-20','day',2,5,'bodies',1000,'bodies-2025-11-20',NULL,NULL,0,'','','ndtv-9670706');
INSERT INTO transfer VALUES(48,'2025-11-20-ukr-rus-bodies','2025-11-20','day',5,2,'bodies',30,'bodies-2025-11-20',NULL,'Reported by Russian state media citing unnamed sources.',0,'','','ndtv-9670706');
CREATE TABLE delegation_head (
	round_id INTEGER NOT NULL, 
	party_id INTEGER NOT NULL, 
	name TEXT NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_delegation_head PRIMARY KEY (round_id, party_id), 
	CONSTRAINT ck_delegation_head_name_not_empty CHECK (name <> ''), 
	CONSTRAINT fk_delegation_head_party_id_party FOREIGN KEY(party_id) REFERENCES party (id), 
	CONSTRAINT fk_delegation_head_round_id_round FOREIGN KEY(round_id) REFERENCES round (id)
);
INSERT INTO delegation_head VALUES(1,5,'Rustem Umerov',0);
INSERT INTO delegation_head VALUES(1,2,'Vladimir Medinsky',1);
INSERT INTO delegation_head VALUES(2,5,'Rustem Umerov',0);
INSERT INTO delegation_head VALUES(2,2,'Vladimir Medinsky',1);
INSERT INTO delegation_head VALUES(3,5,'Rustem Umerov',0);
INSERT INTO delegation_head VALUES(3,2,'Vladimir Medinsky',1);
CREATE TABLE round_participant (
	round_id INTEGER NOT NULL, 
	party_id INTEGER NOT NULL, 
	role VARCHAR(16) NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_round_participant PRIMARY KEY (round_id, party_id, role), 
	CONSTRAINT ck_round_participant_role_known CHECK (role IN ('party', 'mediator', 'host', 'observer')), 
	CONSTRAINT fk_round_participant_party_id_party FOREIGN KEY(party_id) REFERENCES party (id), 
	CONSTRAINT fk_round_participant_round_id_round FOREIGN KEY(round_id) REFERENCES round (id)
);
INSERT INTO round_participant VALUES(1,5,'party',0);
INSERT INTO round_participant VALUES(1,2,'party',1);
INSERT INTO round_participant VALUES(1,3,'mediator',2);
INSERT INTO round_participant VALUES(1,3,'host',3);
INSERT INTO round_participant VALUES(2,5,'party',0);
INSERT INTO round_participant VALUES(2,2,'party',1);
INSERT INTO round_participant VALUES(2,3,'mediator',2);
INSERT INTO round_participant VALUES(2,3,'host',3);
INSERT INTO round_participant VALUES(3,5,'party',0);
INSERT INTO round_participant VALUES(3,2,'party',1);
INSERT INTO round_participant VALUES(3,3,'mediator',2);
INSERT INTO round_participant VALUES(3,3,'host',3);
CREATE TABLE round_source (
	round_id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_round_source PRIMARY KEY (round_id, source_id), 
	CONSTRAINT fk_round_source_round_id_round FOREIGN KEY(round_id) REFERENCES round (id), 
	CONSTRAINT fk_round_source_source_id_source FOREIGN KEY(source_id) REFERENCES source (id)
);
INSERT INTO round_source VALUES(1,29,0);
INSERT INTO round_source VALUES(1,24,1);
INSERT INTO round_source VALUES(1,9,2);
INSERT INTO round_source VALUES(2,34,0);
INSERT INTO round_source VALUES(2,23,1);
INSERT INTO round_source VALUES(2,30,2);
INSERT INTO round_source VALUES(3,1,0);
INSERT INTO round_source VALUES(3,35,1);
INSERT INTO round_source VALUES(3,13,2);
CREATE TABLE term (
	id INTEGER NOT NULL, 
	"key" VARCHAR(120) NOT NULL, 
	round_id INTEGER NOT NULL, 
	category VARCHAR(16) NOT NULL, 
	min_age INTEGER, 
	max_age INTEGER, 
	condition TEXT, 
	status VARCHAR(16) NOT NULL, 
	supersedes_id INTEGER, 
	deadline DATE, 
	deadline_precision VARCHAR(5), 
	description TEXT, voided BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_term PRIMARY KEY (id), 
	CONSTRAINT ck_term_deadline_precision CHECK ((deadline IS NULL AND deadline_precision IS NULL) OR (deadline IS NOT NULL AND deadline_precision IN ('day', 'month'))), 
	CONSTRAINT ck_term_category_known CHECK (category IN ('pow', 'civilian', 'child', 'bodies', 'other')), 
	CONSTRAINT ck_term_key_not_empty CHECK (key <> ''), 
	CONSTRAINT ck_term_status_known CHECK (status IN ('agreed', 'proposed', 'rejected', 'withdrawn')), 
	CONSTRAINT ck_term_max_age_non_negative CHECK (max_age IS NULL OR max_age >= 0), 
	CONSTRAINT ck_term_age_range_ordered CHECK (min_age IS NULL OR max_age IS NULL OR min_age <= max_age), 
	CONSTRAINT ck_term_min_age_non_negative CHECK (min_age IS NULL OR min_age >= 0), 
	CONSTRAINT ck_term_not_self_superseding CHECK (supersedes_id IS NULL OR supersedes_id <> id), 
	CONSTRAINT fk_term_round_id_round FOREIGN KEY(round_id) REFERENCES round (id), 
	CONSTRAINT fk_term_supersedes_id_term FOREIGN KEY(supersedes_id) REFERENCES term (id), 
	CONSTRAINT uq_term_key UNIQUE ("key")
);
INSERT INTO term VALUES(1,'r1-ceasefire-memoranda',1,'other',NULL,NULL,NULL,'agreed',NULL,NULL,NULL,'Each side to present a written ceasefire proposal (memorandum)',0);
INSERT INTO term VALUES(2,'r1-pow-1000-for-1000',1,'pow',NULL,NULL,NULL,'agreed',NULL,NULL,NULL,'1,000-for-1,000 prisoner exchange',0);
INSERT INTO term VALUES(3,'r2-bodies-6000',2,'bodies',NULL,NULL,NULL,'agreed',NULL,NULL,NULL,'6,000 bodies each side, in Ukraine''s account; Russia called its 6,000 a unilateral handover',0);
INSERT INTO term VALUES(4,'r2-children-list',2,'child',NULL,NULL,NULL,'proposed',NULL,NULL,NULL,'Ukraine handed over a list of deported children for their return (339 names according to Medinsky)',0);
INSERT INTO term VALUES(5,'r2-pow-aged-18-25',2,'pow',18,25,NULL,'agreed',NULL,NULL,NULL,'All-for-all exchange of prisoners aged 18–25',0);
INSERT INTO term VALUES(6,'r2-pow-at-least-1000',2,'pow',NULL,NULL,NULL,'agreed',NULL,NULL,NULL,'Russia''s account of the round 2 exchange: no fewer than 1,000 prisoners each side, with medical commissions',0);
INSERT INTO term VALUES(7,'r2-pow-severely-wounded-sick',2,'pow',NULL,NULL,'severely wounded or sick','agreed',NULL,NULL,NULL,'All-for-all exchange of severely wounded and sick prisoners',0);
INSERT INTO term VALUES(8,'r3-bodies-3000',3,'bodies',NULL,NULL,NULL,'proposed',NULL,NULL,NULL,'Russia offered to hand over 3,000 more bodies',0);
INSERT INTO term VALUES(9,'r3-civilians-kursk',3,'civilian',NULL,NULL,NULL,'proposed',NULL,NULL,NULL,'Russia offered to hand over about 30 civilians from Kursk region',0);
INSERT INTO term VALUES(10,'r3-humanitarian-pauses',3,'other',NULL,NULL,NULL,'proposed',NULL,NULL,NULL,'Humanitarian pauses of 24 to 48 hours',0);
INSERT INTO term VALUES(11,'r3-pow-1200-for-1200',3,'pow',NULL,NULL,NULL,'agreed',NULL,NULL,NULL,'1,200-for-1,200 prisoner exchange',0);
INSERT INTO term VALUES(12,'r3-working-groups',3,'other',NULL,NULL,NULL,'proposed',NULL,NULL,NULL,'Three online working groups: political, military, humanitarian',0);
CREATE TABLE transfer_intermediary (
	transfer_id INTEGER NOT NULL, 
	party_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_transfer_intermediary PRIMARY KEY (transfer_id, party_id), 
	CONSTRAINT fk_transfer_intermediary_party_id_party FOREIGN KEY(party_id) REFERENCES party (id), 
	CONSTRAINT fk_transfer_intermediary_transfer_id_transfer FOREIGN KEY(transfer_id) REFERENCES transfer (id)
);
INSERT INTO transfer_intermediary VALUES(31,4,0);
INSERT INTO transfer_intermediary VALUES(32,4,0);
CREATE TABLE transfer_source (
	transfer_id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_transfer_source PRIMARY KEY (transfer_id, source_id), 
	CONSTRAINT fk_transfer_source_source_id_source FOREIGN KEY(source_id) REFERENCES source (id), 
	CONSTRAINT fk_transfer_source_transfer_id_transfer FOREIGN KEY(transfer_id) REFERENCES transfer (id)
);
INSERT INTO transfer_source VALUES(1,25,0);
INSERT INTO transfer_source VALUES(3,25,0);
INSERT INTO transfer_source VALUES(4,25,0);
INSERT INTO transfer_source VALUES(5,14,0);
INSERT INTO transfer_source VALUES(6,14,0);
INSERT INTO transfer_source VALUES(7,4,0);
INSERT INTO transfer_source VALUES(8,4,0);
INSERT INTO transfer_source VALUES(9,8,0);
INSERT INTO transfer_source VALUES(10,32,0);
INSERT INTO transfer_source VALUES(10,16,1);
INSERT INTO transfer_source VALUES(10,26,2);
INSERT INTO transfer_source VALUES(10,17,3);
INSERT INTO transfer_source VALUES(11,32,0);
INSERT INTO transfer_source VALUES(11,16,1);
INSERT INTO transfer_source VALUES(11,26,2);
INSERT INTO transfer_source VALUES(11,17,3);
INSERT INTO transfer_source VALUES(12,32,0);
INSERT INTO transfer_source VALUES(12,16,1);
INSERT INTO transfer_source VALUES(12,26,2);
INSERT INTO transfer_source VALUES(12,17,3);
INSERT INTO transfer_source VALUES(13,32,0);
INSERT INTO transfer_source VALUES(13,16,1);
INSERT INTO transfer_source VALUES(13,26,2);
INSERT INTO transfer_source VALUES(13,17,3);
INSERT INTO transfer_source VALUES(14,27,0);
INSERT INTO transfer_source VALUES(15,16,0);
INSERT INTO transfer_source VALUES(16,16,0);
INSERT INTO transfer_source VALUES(17,12,0);
INSERT INTO transfer_source VALUES(18,5,0);
INSERT INTO transfer_source VALUES(19,26,0);
INSERT INTO transfer_source VALUES(20,26,0);
INSERT INTO transfer_source VALUES(21,27,0);
INSERT INTO transfer_source VALUES(22,27,0);
INSERT INTO transfer_source VALUES(23,32,0);
INSERT INTO transfer_source VALUES(23,16,1);
INSERT INTO transfer_source VALUES(23,26,2);
INSERT INTO transfer_source VALUES(23,17,3);
INSERT INTO transfer_source VALUES(24,32,0);
INSERT INTO transfer_source VALUES(24,16,1);
INSERT INTO transfer_source VALUES(24,26,2);
INSERT INTO transfer_source VALUES(24,17,3);
INSERT INTO transfer_source VALUES(25,17,0);
INSERT INTO transfer_source VALUES(26,17,0);
INSERT INTO transfer_source VALUES(27,18,0);
INSERT INTO transfer_source VALUES(28,18,0);
INSERT INTO transfer_source VALUES(29,28,0);
INSERT INTO transfer_source VALUES(30,28,0);
INSERT INTO transfer_source VALUES(31,19,0);
INSERT INTO transfer_source VALUES(32,19,0);
INSERT INTO transfer_source VALUES(33,3,0);
INSERT INTO transfer_source VALUES(34,3,0);
INSERT INTO transfer_source VALUES(35,15,0);
INSERT INTO transfer_source VALUES(35,31,1);
INSERT INTO transfer_source VALUES(36,15,0);
INSERT INTO transfer_source VALUES(36,31,1);
INSERT INTO transfer_source VALUES(37,15,0);
INSERT INTO transfer_source VALUES(37,31,1);
INSERT INTO transfer_source VALUES(38,15,0);
INSERT INTO transfer_source VALUES(38,31,1);
INSERT INTO transfer_source VALUES(39,20,0);
INSERT INTO transfer_source VALUES(39,10,1);
INSERT INTO transfer_source VALUES(40,20,0);
INSERT INTO transfer_source VALUES(40,10,1);
INSERT INTO transfer_source VALUES(41,33,0);
INSERT INTO transfer_source VALUES(41,11,1);
INSERT INTO transfer_source VALUES(41,2,2);
INSERT INTO transfer_source VALUES(42,33,0);
INSERT INTO transfer_source VALUES(42,11,1);
INSERT INTO transfer_source VALUES(42,2,2);
INSERT INTO transfer_source VALUES(43,33,0);
INSERT INTO transfer_source VALUES(43,11,1);
INSERT INTO transfer_source VALUES(43,2,2);
INSERT INTO transfer_source VALUES(44,33,0);
INSERT INTO transfer_source VALUES(44,11,1);
INSERT INTO transfer_source VALUES(44,2,2);
INSERT INTO transfer_source VALUES(45,21,0);
INSERT INTO transfer_source VALUES(46,7,0);
INSERT INTO transfer_source VALUES(47,22,0);
INSERT INTO transfer_source VALUES(48,22,0);
INSERT INTO transfer_source VALUES(2,25,0);
CREATE TABLE allocation (
	id INTEGER NOT NULL, 
	transfer_id INTEGER NOT NULL, 
	term_id INTEGER NOT NULL, 
	count INTEGER, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_allocation PRIMARY KEY (id), 
	CONSTRAINT ck_allocation_count_positive CHECK (count IS NULL OR count >= 1), 
	CONSTRAINT fk_allocation_term_id_term FOREIGN KEY(term_id) REFERENCES term (id), 
	CONSTRAINT fk_allocation_transfer_id_transfer FOREIGN KEY(transfer_id) REFERENCES transfer (id), 
	CONSTRAINT uq_allocation_transfer_id_term_id UNIQUE (transfer_id, term_id)
);
INSERT INTO allocation VALUES(1,1,2,NULL,0);
INSERT INTO allocation VALUES(3,3,2,NULL,0);
INSERT INTO allocation VALUES(4,4,2,NULL,0);
INSERT INTO allocation VALUES(5,5,2,NULL,0);
INSERT INTO allocation VALUES(6,6,2,NULL,0);
INSERT INTO allocation VALUES(7,7,2,NULL,0);
INSERT INTO allocation VALUES(8,8,2,NULL,0);
INSERT INTO allocation VALUES(9,9,3,NULL,0);
INSERT INTO allocation VALUES(10,10,7,NULL,0);
INSERT INTO allocation VALUES(11,10,5,NULL,1);
INSERT INTO allocation VALUES(12,10,6,NULL,2);
INSERT INTO allocation VALUES(13,11,7,NULL,0);
INSERT INTO allocation VALUES(14,11,5,NULL,1);
INSERT INTO allocation VALUES(15,11,6,NULL,2);
INSERT INTO allocation VALUES(16,12,7,NULL,0);
INSERT INTO allocation VALUES(17,12,5,NULL,1);
INSERT INTO allocation VALUES(18,12,6,NULL,2);
INSERT INTO allocation VALUES(19,13,7,NULL,0);
INSERT INTO allocation VALUES(20,13,5,NULL,1);
INSERT INTO allocation VALUES(21,13,6,NULL,2);
INSERT INTO allocation VALUES(22,14,3,NULL,0);
INSERT INTO allocation VALUES(23,15,7,NULL,0);
INSERT INTO allocation VALUES(24,15,5,NULL,1);
INSERT INTO allocation VALUES(25,15,6,NULL,2);
INSERT INTO allocation VALUES(26,16,7,NULL,0);
INSERT INTO allocation VALUES(27,16,5,NULL,1);
INSERT INTO allocation VALUES(28,16,6,NULL,2);
INSERT INTO allocation VALUES(29,17,3,NULL,0);
INSERT INTO allocation VALUES(30,18,3,NULL,0);
INSERT INTO allocation VALUES(31,19,7,NULL,0);
INSERT INTO allocation VALUES(32,19,5,NULL,1);
INSERT INTO allocation VALUES(33,19,6,NULL,2);
INSERT INTO allocation VALUES(34,20,7,NULL,0);
INSERT INTO allocation VALUES(35,20,5,NULL,1);
INSERT INTO allocation VALUES(36,20,6,NULL,2);
INSERT INTO allocation VALUES(37,21,3,NULL,0);
INSERT INTO allocation VALUES(38,22,3,NULL,0);
INSERT INTO allocation VALUES(39,23,7,NULL,0);
INSERT INTO allocation VALUES(40,23,5,NULL,1);
INSERT INTO allocation VALUES(41,23,6,NULL,2);
INSERT INTO allocation VALUES(42,24,7,NULL,0);
INSERT INTO allocation VALUES(43,24,5,NULL,1);
INSERT INTO allocation VALUES(44,24,6,NULL,2);
INSERT INTO allocation VALUES(45,25,7,NULL,0);
INSERT INTO allocation VALUES(46,25,5,NULL,1);
INSERT INTO allocation VALUES(47,25,6,NULL,2);
INSERT INTO allocation VALUES(48,26,7,NULL,0);
INSERT INTO allocation VALUES(49,26,5,NULL,1);
INSERT INTO allocation VALUES(50,26,6,NULL,2);
INSERT INTO allocation VALUES(51,29,7,NULL,0);
INSERT INTO allocation VALUES(52,29,5,NULL,1);
INSERT INTO allocation VALUES(53,29,6,NULL,2);
INSERT INTO allocation VALUES(54,30,7,NULL,0);
INSERT INTO allocation VALUES(55,30,5,NULL,1);
INSERT INTO allocation VALUES(56,30,6,NULL,2);
INSERT INTO allocation VALUES(57,41,11,NULL,0);
INSERT INTO allocation VALUES(58,42,11,NULL,0);
INSERT INTO allocation VALUES(59,43,11,NULL,0);
INSERT INTO allocation VALUES(60,44,11,NULL,0);
INSERT INTO allocation VALUES(61,2,2,NULL,0);
CREATE TABLE assertion (
	id INTEGER NOT NULL, 
	"key" VARCHAR(120) NOT NULL, 
	as_of DATE NOT NULL, 
	deliverer_id INTEGER NOT NULL, 
	receiver_id INTEGER NOT NULL, 
	category VARCHAR(16) NOT NULL, 
	scope_type VARCHAR(16), 
	term_id INTEGER, 
	round_id INTEGER, 
	process_id INTEGER, 
	expected INTEGER NOT NULL, 
	source_id INTEGER, voided BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_assertion PRIMARY KEY (id), 
	CONSTRAINT ck_assertion_one_scope CHECK ((scope_type IS NULL AND term_id IS NULL AND round_id IS NULL AND process_id IS NULL) OR (scope_type = 'term' AND term_id IS NOT NULL AND round_id IS NULL AND process_id IS NULL) OR (scope_type = 'round' AND round_id IS NOT NULL AND term_id IS NULL AND process_id IS NULL) OR (scope_type = 'process' AND process_id IS NOT NULL AND term_id IS NULL AND round_id IS NULL)), 
	CONSTRAINT ck_assertion_category_known CHECK (category IN ('pow', 'civilian', 'child', 'bodies')), 
	CONSTRAINT ck_assertion_key_not_empty CHECK (key <> ''), 
	CONSTRAINT ck_assertion_deliverer_not_receiver CHECK (deliverer_id <> receiver_id), 
	CONSTRAINT ck_assertion_expected_non_negative CHECK (expected >= 0), 
	CONSTRAINT fk_assertion_deliverer_id_party FOREIGN KEY(deliverer_id) REFERENCES party (id), 
	CONSTRAINT fk_assertion_process_id_process FOREIGN KEY(process_id) REFERENCES process (id), 
	CONSTRAINT fk_assertion_receiver_id_party FOREIGN KEY(receiver_id) REFERENCES party (id), 
	CONSTRAINT fk_assertion_round_id_round FOREIGN KEY(round_id) REFERENCES round (id), 
	CONSTRAINT fk_assertion_source_id_source FOREIGN KEY(source_id) REFERENCES source (id), 
	CONSTRAINT fk_assertion_term_id_term FOREIGN KEY(term_id) REFERENCES term (id), 
	CONSTRAINT uq_assertion_key UNIQUE ("key")
);
INSERT INTO assertion VALUES(1,'bodies-to-ukr-istanbul-2025-06-16','2025-06-16',2,5,'bodies','process',NULL,NULL,1,6057,27,0);
CREATE TABLE claim (
	id INTEGER NOT NULL, 
	subject_type VARCHAR(16) NOT NULL, 
	round_id INTEGER, 
	term_id INTEGER, 
	transfer_id INTEGER, 
	field VARCHAR(40) NOT NULL, 
	value TEXT NOT NULL, 
	source_id INTEGER NOT NULL, 
	claimant TEXT NOT NULL, 
	stated_on DATE, 
	stated_on_precision VARCHAR(5), 
	quote TEXT, voided BOOLEAN DEFAULT 0 NOT NULL, 
	CONSTRAINT pk_claim PRIMARY KEY (id), 
	CONSTRAINT ck_claim_stated_on_precision CHECK ((stated_on IS NULL AND stated_on_precision IS NULL) OR (stated_on IS NOT NULL AND stated_on_precision IN ('day', 'month'))), 
	CONSTRAINT ck_claim_one_subject CHECK ((subject_type = 'round' AND round_id IS NOT NULL AND term_id IS NULL AND transfer_id IS NULL) OR (subject_type = 'term' AND term_id IS NOT NULL AND round_id IS NULL AND transfer_id IS NULL) OR (subject_type = 'transfer' AND transfer_id IS NOT NULL AND round_id IS NULL AND term_id IS NULL)), 
	CONSTRAINT ck_claim_field_not_empty CHECK (field <> ''), 
	CONSTRAINT ck_claim_subject_type_known CHECK (subject_type IN ('round', 'term', 'transfer')), 
	CONSTRAINT ck_claim_value_not_empty CHECK (value <> ''), 
	CONSTRAINT fk_claim_round_id_round FOREIGN KEY(round_id) REFERENCES round (id), 
	CONSTRAINT fk_claim_source_id_source FOREIGN KEY(source_id) REFERENCES source (id), 
	CONSTRAINT fk_claim_term_id_term FOREIGN KEY(term_id) REFERENCES term (id), 
	CONSTRAINT fk_claim_transfer_id_transfer FOREIGN KEY(transfer_id) REFERENCES transfer (id)
);
INSERT INTO claim VALUES(1,'round',3,NULL,NULL,'start_date','2025-07-23',6,'Volodymyr Zelensky',NULL,NULL,'Ukrainian President Volodymyr Zelensky previously indicated that talks could take place on July 23',0);
INSERT INTO claim VALUES(2,'round',3,NULL,NULL,'start_date','2025-07-24',6,'Kremlin',NULL,NULL,'Kremlin officials announced that delegations are planning to arrive on July 23, with negotiations set to commence on July 24',0);
INSERT INTO claim VALUES(3,'round',3,NULL,NULL,'start_date','2025-07-24 or 2025-07-25',6,'Türkçe (Turkish media)',NULL,NULL,'the next meeting is tentatively scheduled for July 24 or 25 in Istanbul',0);
INSERT INTO claim VALUES(4,'term',NULL,3,NULL,'description','6,000 bodies on each side',6,'','2025-07-23','day','both parties agreed to exchange severely wounded military personnel and bodies of the fallen—6,000 bodies on each side',0);
INSERT INTO claim VALUES(5,'term',NULL,3,NULL,'description','A unilateral handover of 6,000 bodies by Russia, not an exchange',30,'Russia',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(6,'term',NULL,4,NULL,'quantity','339',30,'Vladimir Medinsky',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(7,'transfer',NULL,NULL,29,'count','about 250',28,'Vladimir Medinsky','2025-07-23','day',NULL,0);
INSERT INTO claim VALUES(8,'transfer',NULL,NULL,30,'count','about 250',28,'Vladimir Medinsky','2025-07-23','day',NULL,0);
INSERT INTO claim VALUES(9,'transfer',NULL,NULL,42,'terms','r3-pow-1200-for-1200 (round 3)',33,'Russia',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(10,'transfer',NULL,NULL,42,'terms','partly the Istanbul agreements, partly Ukraine''s own 69th exchange',11,'Ukraine',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(11,'transfer',NULL,NULL,44,'terms','r3-pow-1200-for-1200 (round 3)',33,'Russia',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(12,'transfer',NULL,NULL,44,'terms','partly the Istanbul agreements, partly Ukraine''s own 69th exchange',11,'Ukraine',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(13,'transfer',NULL,NULL,9,'count','78',8,'',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(14,'transfer',NULL,NULL,46,'count','31',7,'',NULL,NULL,NULL,0);
INSERT INTO claim VALUES(15,'transfer',NULL,NULL,48,'count','30',22,'Russian state media (unnamed sources)',NULL,NULL,NULL,0);
CREATE TABLE obligation (
	id INTEGER NOT NULL, 
	term_id INTEGER NOT NULL, 
	deliverer_id INTEGER NOT NULL, 
	receiver_id INTEGER NOT NULL, 
	quantity INTEGER, 
	basis VARCHAR(10) NOT NULL, 
	CONSTRAINT pk_obligation PRIMARY KEY (id), 
	CONSTRAINT ck_obligation_quantity_matches_basis CHECK ((basis = 'all' AND quantity IS NULL) OR (basis <> 'all' AND quantity IS NOT NULL)), 
	CONSTRAINT ck_obligation_basis_known CHECK (basis IN ('exact', 'at-least', 'all')), 
	CONSTRAINT ck_obligation_deliverer_not_receiver CHECK (deliverer_id <> receiver_id), 
	CONSTRAINT ck_obligation_quantity_non_negative CHECK (quantity IS NULL OR quantity >= 0), 
	CONSTRAINT fk_obligation_deliverer_id_party FOREIGN KEY(deliverer_id) REFERENCES party (id), 
	CONSTRAINT fk_obligation_receiver_id_party FOREIGN KEY(receiver_id) REFERENCES party (id), 
	CONSTRAINT fk_obligation_term_id_term FOREIGN KEY(term_id) REFERENCES term (id), 
	CONSTRAINT uq_obligation_term_id_deliverer_id_receiver_id UNIQUE (term_id, deliverer_id, receiver_id)
);
INSERT INTO obligation VALUES(1,2,5,2,1000,'exact');
INSERT INTO obligation VALUES(2,2,2,5,1000,'exact');
INSERT INTO obligation VALUES(3,3,2,5,6000,'exact');
INSERT INTO obligation VALUES(4,3,5,2,6000,'exact');
INSERT INTO obligation VALUES(5,4,2,5,339,'exact');
INSERT INTO obligation VALUES(6,5,5,2,NULL,'all');
INSERT INTO obligation VALUES(7,5,2,5,NULL,'all');
INSERT INTO obligation VALUES(8,6,5,2,1000,'at-least');
INSERT INTO obligation VALUES(9,6,2,5,1000,'at-least');
INSERT INTO obligation VALUES(10,7,5,2,NULL,'all');
INSERT INTO obligation VALUES(11,7,2,5,NULL,'all');
INSERT INTO obligation VALUES(12,8,2,5,3000,'exact');
INSERT INTO obligation VALUES(13,9,2,5,30,'exact');
INSERT INTO obligation VALUES(14,11,5,2,1200,'exact');
INSERT INTO obligation VALUES(15,11,2,5,1200,'exact');
CREATE TABLE term_source (
	term_id INTEGER NOT NULL, 
	source_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	CONSTRAINT pk_term_source PRIMARY KEY (term_id, source_id), 
	CONSTRAINT fk_term_source_source_id_source FOREIGN KEY(source_id) REFERENCES source (id), 
	CONSTRAINT fk_term_source_term_id_term FOREIGN KEY(term_id) REFERENCES term (id)
);
INSERT INTO term_source VALUES(1,29,0);
INSERT INTO term_source VALUES(1,24,1);
INSERT INTO term_source VALUES(1,9,2);
INSERT INTO term_source VALUES(2,29,0);
INSERT INTO term_source VALUES(2,24,1);
INSERT INTO term_source VALUES(2,9,2);
INSERT INTO term_source VALUES(3,34,0);
INSERT INTO term_source VALUES(3,23,1);
INSERT INTO term_source VALUES(3,30,2);
INSERT INTO term_source VALUES(3,6,3);
INSERT INTO term_source VALUES(4,34,0);
INSERT INTO term_source VALUES(4,23,1);
INSERT INTO term_source VALUES(4,30,2);
INSERT INTO term_source VALUES(5,34,0);
INSERT INTO term_source VALUES(5,23,1);
INSERT INTO term_source VALUES(5,30,2);
INSERT INTO term_source VALUES(6,30,0);
INSERT INTO term_source VALUES(7,34,0);
INSERT INTO term_source VALUES(7,23,1);
INSERT INTO term_source VALUES(7,30,2);
INSERT INTO term_source VALUES(8,1,0);
INSERT INTO term_source VALUES(8,35,1);
INSERT INTO term_source VALUES(8,13,2);
INSERT INTO term_source VALUES(9,1,0);
INSERT INTO term_source VALUES(9,35,1);
INSERT INTO term_source VALUES(9,13,2);
INSERT INTO term_source VALUES(10,1,0);
INSERT INTO term_source VALUES(10,35,1);
INSERT INTO term_source VALUES(10,13,2);
INSERT INTO term_source VALUES(11,1,0);
INSERT INTO term_source VALUES(11,35,1);
INSERT INTO term_source VALUES(11,13,2);
INSERT INTO term_source VALUES(12,1,0);
INSERT INTO term_source VALUES(12,35,1);
INSERT INTO term_source VALUES(12,13,2);
CREATE TABLE journal (
	seq INTEGER NOT NULL, 
	at VARCHAR(32) NOT NULL, 
	actor TEXT NOT NULL, 
	action VARCHAR(8) NOT NULL, 
	entity VARCHAR(16) NOT NULL, 
	"key" VARCHAR(400) NOT NULL, 
	state TEXT NOT NULL, 
	reason TEXT, 
	prev_hash VARCHAR(64) NOT NULL, 
	hash VARCHAR(64) NOT NULL, 
	CONSTRAINT pk_journal PRIMARY KEY (seq), 
	CONSTRAINT ck_journal_action_known CHECK (action IN ('add', 'amend', 'void')), 
	CONSTRAINT ck_journal_seq_positive CHECK (seq >= 1), 
	CONSTRAINT uq_journal_hash UNIQUE (hash)
);
INSERT INTO journal VALUES(1,'2026-12-02T04:31:32.286498Z','archivist','add','party','ICRC','{"aliases":"","code":"ICRC","kind":"organisation","name":"International Committee of the Red Cross","voided":false}','loaded from data/istanbul-2025','0000000000000000000000000000000000000000000000000000000000000000','94af29d25d9b94da6f93488cbd4ab683663ae8a7a3f8431e549269a0327cbfff');
INSERT INTO journal VALUES(2,'2026-12-02T04:31:32.286643Z','archivist','add','party','RUS','{"aliases":"Россия","code":"RUS","kind":"state","name":"Russia","voided":false}','loaded from data/istanbul-2025','94af29d25d9b94da6f93488cbd4ab683663ae8a7a3f8431e549269a0327cbfff','69222228453c87f063a41d9e2121ab961611d9208d3a3cb99f63571ee51e73ac');
INSERT INTO journal VALUES(3,'2026-12-02T04:31:32.286662Z','archivist','add','party','TUR','{"aliases":"Turkey","code":"TUR","kind":"state","name":"Türkiye","voided":false}','loaded from data/istanbul-2025','69222228453c87f063a41d9e2121ab961611d9208d3a3cb99f63571ee51e73ac','756e4e8127182470adfacb10a4847a9fc90ee04ad399359046db984fd887471b');
INSERT INTO journal VALUES(4,'2026-12-02T04:31:32.286672Z','archivist','add','party','UAE','{"aliases":"","code":"UAE","kind":"state","name":"United Arab Emirates","voided":false}','loaded from data/istanbul-2025','756e4e8127182470adfacb10a4847a9fc90ee04ad399359046db984fd887471b','cfae1d7daf7463596ccc209cdbd69eaf8d3c04383c7408e948ad5be3575e9c35');
INSERT INTO journal VALUES(5,'2026-12-02T04:31:32.286684Z','archivist','add','party','UKR','{"aliases":"Україна","code":"UKR","kind":"state","name":"Ukraine","voided":false}','loaded from data/istanbul-2025','cfae1d7daf7463596ccc209cdbd69eaf8d3c04383c7408e948ad5be3575e9c35','23b2169913c061d97f83147e042ffe5a539cc7477952f60e59c53e3fcce8f8d5');
INSERT INTO journal VALUES(6,'2026-12-02T04:31:32.286707Z','archivist','add','party','USA','{"aliases":"","code":"USA","kind":"state","name":"United States","voided":false}','loaded from data/istanbul-2025','23b2169913c061d97f83147e042ffe5a539cc7477952f60e59c53e3fcce8f8d5','c0d89c1c944e572383e797d45d2f4da27b729f58cf8686f1f23002992cba2f3d');
INSERT INTO journal VALUES(7,'2026-12-02T04:31:32.325346Z','archivist','add','source','anews-2025-07-23','{"key":"anews-2025-07-23","kind":"media","language":"en","published":"2025-07-23","publisher":"A News","title":"","url":"","voided":false}','loaded from data/istanbul-2025','c0d89c1c944e572383e797d45d2f4da27b729f58cf8686f1f23002992cba2f3d','a353322b01b8e8c618e45f9f042d49486ff51cc0f7968ba40ab9b2c3b34f986d');
INSERT INTO journal VALUES(8,'2026-12-02T04:31:32.325418Z','archivist','add','source','babel-121896','{"key":"babel-121896","kind":"media","language":"en","published":"","publisher":"Babel","title":"","url":"https://babel.ua/en/news/121896","voided":false}','loaded from data/istanbul-2025','a353322b01b8e8c618e45f9f042d49486ff51cc0f7968ba40ab9b2c3b34f986d','eee58e2082e633dac42b0c31d121a771c511acbcae8e18355fb8b03f84642c0e');
INSERT INTO journal VALUES(9,'2026-12-02T04:31:32.325445Z','archivist','add','source','brecorder-40378667','{"key":"brecorder-40378667","kind":"media","language":"en","published":"","publisher":"Business Recorder","title":"","url":"https://brecorder.com/news/40378667","voided":false}','loaded from data/istanbul-2025','eee58e2082e633dac42b0c31d121a771c511acbcae8e18355fb8b03f84642c0e','3a28166eecf1e9a765e33fcbcce961cc075797c14587adbacf0370825384ad18');
INSERT INTO journal VALUES(10,'2026-12-02T04:31:32.325463Z','archivist','add','source','censor-3554211','{"key":"censor-3554211","kind":"media","language":"en","published":"","publisher":"Censor.net","title":"","url":"https://censor.net/en/news/3554211","voided":false}','loaded from data/istanbul-2025','3a28166eecf1e9a765e33fcbcce961cc075797c14587adbacf0370825384ad18','5d0667bdd551573d569bf475fcb0a5457c2159535862671139e72978619642c9');
INSERT INTO journal VALUES(11,'2026-12-02T04:31:32.325472Z','archivist','add','source','censor-photonews-3558001','{"key":"censor-photonews-3558001","kind":"media","language":"en","published":"","publisher":"Censor.net","title":"","url":"https://censor.net/en/photonews/3558001","voided":false}','loaded from data/istanbul-2025','5d0667bdd551573d569bf475fcb0a5457c2159535862671139e72978619642c9','2946b36e5208502ae80caabc79d085c889b2f5b14650e8b8d1516fdfeb271bd6');
INSERT INTO journal VALUES(12,'2026-12-02T04:31:32.325488Z','archivist','add','source','chaspravdy-2025-07-23','{"key":"chaspravdy-2025-07-23","kind":"media","language":"en","published":"2025-07-23","publisher":"Chas Pravdy","title":"US Supports New Round of Ukraine-Russia Negotiations in Istanbul: Hope for Peace Amid War’s Hardship","url":"","voided":false}','loaded from data/istanbul-2025','2946b36e5208502ae80caabc79d085c889b2f5b14650e8b8d1516fdfeb271bd6','89613664ebb3fcc6f793c272e8f5de99f889407161ef21e2b240b0889f458c6e');
INSERT INTO journal VALUES(13,'2026-12-02T04:31:32.325506Z','archivist','add','source','eziguide','{"key":"eziguide","kind":"media","language":"","published":"","publisher":"eziguide","title":"","url":"https://eziguide.com","voided":false}','loaded from data/istanbul-2025','89613664ebb3fcc6f793c272e8f5de99f889407161ef21e2b240b0889f458c6e','2b4a27f0c47ae742e570aeb1340e5b4ae760c90ab02622c05b06f85796c17be3');
INSERT INTO journal VALUES(14,'2026-12-02T04:31:32.325513Z','archivist','add','source','head-post','{"key":"head-post","kind":"media","language":"","published":"","publisher":"Head Post","title":"","url":"https://head-post.com","voided":false}','loaded from data/istanbul-2025','2b4a27f0c47ae742e570aeb1340e5b4ae760c90ab02622c05b06f85796c17be3','3a3c48819083828393e22445567565dbe0f5fad2063fa33650805bc1abe1ba84');
INSERT INTO journal VALUES(15,'2026-12-02T04:31:32.325521Z','archivist','add','source','hindustantimes-101747404933556','{"key":"hindustantimes-101747404933556","kind":"media","language":"en","published":"","publisher":"Hindustan Times","title":"","url":"","voided":false}','loaded from data/istanbul-2025','3a3c48819083828393e22445567565dbe0f5fad2063fa33650805bc1abe1ba84','2346775255fd816c1e8c578dd86d67453d39af5ff8260d4041385ffa314f7ce5');
INSERT INTO journal VALUES(16,'2026-12-02T04:31:32.325539Z','archivist','add','source','hurriyetdailynews-213751','{"key":"hurriyetdailynews-213751","kind":"media","language":"en","published":"","publisher":"Hürriyet Daily News","title":"","url":"","voided":false}','loaded from data/istanbul-2025','2346775255fd816c1e8c578dd86d67453d39af5ff8260d4041385ffa314f7ce5','7adaec9cb9e97b04b85549ff7caf60def2937e9616067b88c3e62644f1cc1132');
INSERT INTO journal VALUES(17,'2026-12-02T04:31:32.325550Z','archivist','add','source','kyivindependent-ukraine-russia-pow-swap','{"key":"kyivindependent-ukraine-russia-pow-swap","kind":"media","language":"en","published":"","publisher":"Kyiv Independent","title":"","url":"https://kyivindependent.com/ukraine-russia-pow-swap","voided":false}','loaded from data/istanbul-2025','7adaec9cb9e97b04b85549ff7caf60def2937e9616067b88c3e62644f1cc1132','dee88fb35590600a920f383215131d5e0322d621e6bdc039cebaedb1ae2bbafc');
INSERT INTO journal VALUES(18,'2026-12-02T04:31:32.325558Z','archivist','add','source','liga-2025-06-13','{"key":"liga-2025-06-13","kind":"media","language":"","published":"2025-06-13","publisher":"LIGA.net","title":"","url":"","voided":false}','loaded from data/istanbul-2025','dee88fb35590600a920f383215131d5e0322d621e6bdc039cebaedb1ae2bbafc','2bab8c1196f5708d5385516021e45bfb28aa05ef395f67438b2dadc9d27ac13a');
INSERT INTO journal VALUES(19,'2026-12-02T04:31:32.325565Z','archivist','add','source','meduza-2025-07-24-more-swaps-but-no-deal','{"key":"meduza-2025-07-24-more-swaps-but-no-deal","kind":"media","language":"en","published":"2025-07-24","publisher":"Meduza","title":"","url":"https://meduza.io/en/feature/2025/07/24/more-swaps-but-no-deal","voided":false}','loaded from data/istanbul-2025','2bab8c1196f5708d5385516021e45bfb28aa05ef395f67438b2dadc9d27ac13a','d609dbf88c1bcfc8fa67cf3dc41a6260ab91db7b9c9961b1ec0a7822e5e21d89');
INSERT INTO journal VALUES(20,'2026-12-02T04:31:32.325572Z','archivist','add','source','menafn-1109591789','{"key":"menafn-1109591789","kind":"media","language":"en","published":"","publisher":"MENAFN","title":"","url":"https://menafn.com/1109591789","voided":false}','loaded from data/istanbul-2025','d609dbf88c1bcfc8fa67cf3dc41a6260ab91db7b9c9961b1ec0a7822e5e21d89','3970345fa2b6a2cbef8ab0414ee1bbfab0645b73bde1f7c3f06d943d192284b2');
INSERT INTO journal VALUES(21,'2026-12-02T04:31:32.325592Z','archivist','add','source','menafn-1109970605','{"key":"menafn-1109970605","kind":"media","language":"en","published":"","publisher":"MENAFN","title":"","url":"https://menafn.com/1109970605","voided":false}','loaded from data/istanbul-2025','3970345fa2b6a2cbef8ab0414ee1bbfab0645b73bde1f7c3f06d943d192284b2','fd3ddd8ddcc35714944569ea3e1c3cd7feaf2347caa99ace7f7b5796a6a2b4b6');
INSERT INTO journal VALUES(22,'2026-12-02T04:31:32.325599Z','archivist','add','source','moscowtimes-2025-06-12','{"key":"moscowtimes-2025-06-12","kind":"media","language":"en","published":"2025-06-12","publisher":"The Moscow Times","title":"","url":"","voided":false}','loaded from data/istanbul-2025','fd3ddd8ddcc35714944569ea3e1c3cd7feaf2347caa99ace7f7b5796a6a2b4b6','a1f04c99575a7f3c9e0482ef95cc5ee7b499ad5072a11ba689a47a259e12d84d');
INSERT INTO journal VALUES(23,'2026-12-02T04:31:32.325606Z','archivist','add','source','moscowtimes-2025-07-04','{"key":"moscowtimes-2025-07-04","kind":"media","language":"en","published":"2025-07-04","publisher":"The Moscow Times","title":"","url":"","voided":false}','loaded from data/istanbul-2025','a1f04c99575a7f3c9e0482ef95cc5ee7b499ad5072a11ba689a47a259e12d84d','58913ce7db84304b978dd8dd992f966ad9a0c49d31f013ade7d01c52756f182c');
INSERT INTO journal VALUES(24,'2026-12-02T04:31:32.325613Z','archivist','add','source','moscowtimes-2025-07-17','{"key":"moscowtimes-2025-07-17","kind":"media","language":"en","published":"2025-07-17","publisher":"The Moscow Times","title":"","url":"","voided":false}','loaded from data/istanbul-2025','58913ce7db84304b978dd8dd992f966ad9a0c49d31f013ade7d01c52756f182c','572c30b4ef3c449d079ad4b87ef6c1a8bfbf3af6e100aac3e4e53e38eee3c87a');
INSERT INTO journal VALUES(25,'2026-12-02T04:31:32.325619Z','archivist','add','source','moscowtimes-2025-08-14','{"key":"moscowtimes-2025-08-14","kind":"media","language":"en","published":"2025-08-14","publisher":"The Moscow Times","title":"","url":"","voided":false}','loaded from data/istanbul-2025','572c30b4ef3c449d079ad4b87ef6c1a8bfbf3af6e100aac3e4e53e38eee3c87a','be6efb13f0e5957110a1329aa52582f9865af8e9eaef36f1e9ca91681282c410');
INSERT INTO journal VALUES(26,'2026-12-02T04:31:32.325636Z','archivist','add','source','moscowtimes-2025-09-18','{"key":"moscowtimes-2025-09-18","kind":"media","language":"en","published":"2025-09-18","publisher":"The Moscow Times","title":"","url":"","voided":false}','loaded from data/istanbul-2025','be6efb13f0e5957110a1329aa52582f9865af8e9eaef36f1e9ca91681282c410','0bdab668093a93993b5861e0ca89caf673e72d6696d6e9cd3095dd0419989227');
INSERT INTO journal VALUES(27,'2026-12-02T04:31:32.325645Z','archivist','add','source','moscowtimes-2025-10-23','{"key":"moscowtimes-2025-10-23","kind":"media","language":"en","published":"2025-10-23","publisher":"The Moscow Times","title":"","url":"","voided":false}','loaded from data/istanbul-2025','0bdab668093a93993b5861e0ca89caf673e72d6696d6e9cd3095dd0419989227','23c6485877993cfc6fe2daa7556a6cbb385eebd8e91c6e19e38c3a8971e0a4bb');
INSERT INTO journal VALUES(28,'2026-12-02T04:31:32.325652Z','archivist','add','source','ndtv-9670706','{"key":"ndtv-9670706","kind":"media","language":"en","published":"","publisher":"NDTV","title":"","url":"","voided":false}','loaded from data/istanbul-2025','23c6485877993cfc6fe2daa7556a6cbb385eebd8e91c6e19e38c3a8971e0a4bb','2523a8b585cc6bd5c9340e4a378adf5f687d7b69957cfcfc4cd6198960754c7d');
INSERT INTO journal VALUES(29,'2026-12-02T04:31:32.325660Z','archivist','add','source','politico-russia-ukraine-war-ceasefire-peace-talks','{"key":"politico-russia-ukraine-war-ceasefire-peace-talks","kind":"media","language":"en","published":"","publisher":"Politico Europe","title":"","url":"https://politico.eu/article/russia-ukraine-war-ceasefire-peace-talks","voided":false}','loaded from data/istanbul-2025','2523a8b585cc6bd5c9340e4a378adf5f687d7b69957cfcfc4cd6198960754c7d','0ed33c618a6e96484c0a44ad00d16ef070a97aebf86ec11843b56e84da2fcf8e');
INSERT INTO journal VALUES(30,'2026-12-02T04:31:32.325668Z','archivist','add','source','pravda-7512561','{"key":"pravda-7512561","kind":"media","language":"en","published":"2025-05-16","publisher":"Ukrainska Pravda","title":"","url":"https://pravda.com.ua/eng/news/2025/05/16/7512561","voided":false}','loaded from data/istanbul-2025','0ed33c618a6e96484c0a44ad00d16ef070a97aebf86ec11843b56e84da2fcf8e','dc38b2c86f677b3a07606bd4b6d8fa33c0342482c173f03183daefac938bf557');
INSERT INTO journal VALUES(31,'2026-12-02T04:31:32.325674Z','archivist','add','source','pravda-7513734','{"key":"pravda-7513734","kind":"media","language":"en","published":"2025-05-23","publisher":"Ukrainska Pravda","title":"","url":"https://pravda.com.ua/eng/news/2025/05/23/7513734","voided":false}','loaded from data/istanbul-2025','dc38b2c86f677b3a07606bd4b6d8fa33c0342482c173f03183daefac938bf557','ea775e3f1dbe5bda936998eb673e9a1be034a2d730bbe5cfd08f6a1af5b596da');
INSERT INTO journal VALUES(32,'2026-12-02T04:31:32.325681Z','archivist','add','source','pravda-7517139','{"key":"pravda-7517139","kind":"media","language":"en","published":"2025-06-14","publisher":"Ukrainska Pravda","title":"","url":"https://pravda.com.ua/eng/news/2025/06/14/7517139","voided":false}','loaded from data/istanbul-2025','ea775e3f1dbe5bda936998eb673e9a1be034a2d730bbe5cfd08f6a1af5b596da','b03c68b14630de076729fbf93cbd5cb1b8fe8d105477b10656c91375f415a247');
INSERT INTO journal VALUES(33,'2026-12-02T04:31:32.325688Z','archivist','add','source','pravda-7517351','{"key":"pravda-7517351","kind":"media","language":"en","published":"2025-06-16","publisher":"Ukrainska Pravda","title":"","url":"https://pravda.com.ua/eng/news/2025/06/16/7517351","voided":false}','loaded from data/istanbul-2025','b03c68b14630de076729fbf93cbd5cb1b8fe8d105477b10656c91375f415a247','b160e55128af4dac51da6fca49b92510fc3ce854324a3ea710270187ebd1d558');
INSERT INTO journal VALUES(34,'2026-12-02T04:31:32.325702Z','archivist','add','source','pravda-7523145','{"key":"pravda-7523145","kind":"media","language":"en","published":"2025-07-23","publisher":"Ukrainska Pravda","title":"","url":"https://pravda.com.ua/eng/news/2025/07/23/7523145","voided":false}','loaded from data/istanbul-2025','b160e55128af4dac51da6fca49b92510fc3ce854324a3ea710270187ebd1d558','c5293e8ff3d629085cbaef50eae7f780c2e3e66683f6b57e0ce8d97404f972f7');
INSERT INTO journal VALUES(35,'2026-12-02T04:31:32.325716Z','archivist','add','source','tass-1959169','{"key":"tass-1959169","kind":"media","language":"en","published":"","publisher":"TASS","title":"","url":"https://tass.com/politics/1959169","voided":false}','loaded from data/istanbul-2025','c5293e8ff3d629085cbaef50eae7f780c2e3e66683f6b57e0ce8d97404f972f7','555b1cc32f3ea252f24829d304f3fa17fd605f55cc192810de625d4b8b29826a');
INSERT INTO journal VALUES(36,'2026-12-02T04:31:32.325722Z','archivist','add','source','tass-1967455','{"key":"tass-1967455","kind":"media","language":"en","published":"","publisher":"TASS","title":"","url":"https://tass.com/politics/1967455","voided":false}','loaded from data/istanbul-2025','555b1cc32f3ea252f24829d304f3fa17fd605f55cc192810de625d4b8b29826a','38d1cd4a4abdd3aa984fd3c91760bb82346e4dac2d9acf37ae8fb010391af56c');
INSERT INTO journal VALUES(37,'2026-12-02T04:31:32.325729Z','archivist','add','source','themedialine','{"key":"themedialine","kind":"media","language":"en","published":"","publisher":"The Media Line","title":"","url":"https://themedialine.org","voided":false}','loaded from data/istanbul-2025','38d1cd4a4abdd3aa984fd3c91760bb82346e4dac2d9acf37ae8fb010391af56c','ee5d970307b157bb3e6a65deadad7e6c913140e5276debbd9425be58e776d567');
INSERT INTO journal VALUES(38,'2026-12-02T04:31:32.325736Z','archivist','add','source','trtworld-e8f4a5359941','{"key":"trtworld-e8f4a5359941","kind":"media","language":"en","published":"","publisher":"TRT World","title":"","url":"https://trtworld.com/article/e8f4a5359941","voided":false}','loaded from data/istanbul-2025','ee5d970307b157bb3e6a65deadad7e6c913140e5276debbd9425be58e776d567','5941438cb89695748b7ecefc91e136e769647cf13ae72e631e477008f7aa79a7');
INSERT INTO journal VALUES(39,'2026-12-02T04:31:32.325750Z','archivist','add','source','trtworld-f6f8e8ff4259','{"key":"trtworld-f6f8e8ff4259","kind":"media","language":"en","published":"","publisher":"TRT World","title":"","url":"https://trtworld.com/article/f6f8e8ff4259","voided":false}','loaded from data/istanbul-2025','5941438cb89695748b7ecefc91e136e769647cf13ae72e631e477008f7aa79a7','375226c2fc5a4338a4fae5ef19fec89e4e4870b581920b37ab4e71e14e3ffa65');
INSERT INTO journal VALUES(40,'2026-12-02T04:31:32.325763Z','archivist','add','source','wionews-1748869852279','{"key":"wionews-1748869852279","kind":"media","language":"en","published":"","publisher":"WION","title":"","url":"","voided":false}','loaded from data/istanbul-2025','375226c2fc5a4338a4fae5ef19fec89e4e4870b581920b37ab4e71e14e3ffa65','62c6272b0db5e96372a54cbb14abe09d57b4c5f2384aaab2ecf214a689b605f1');
INSERT INTO journal VALUES(41,'2026-12-02T04:31:32.325769Z','archivist','add','source','wionews-1753299653042','{"key":"wionews-1753299653042","kind":"media","language":"en","published":"","publisher":"WION","title":"","url":"","voided":false}','loaded from data/istanbul-2025','62c6272b0db5e96372a54cbb14abe09d57b4c5f2384aaab2ecf214a689b605f1','a581ee1898d0706a72a8ab17909887c591d1b09616461721e593b74fd9ac3b3d');
INSERT INTO journal VALUES(42,'2026-12-02T04:31:32.328525Z','archivist','add','process','istanbul-2025','{"description":"Three rounds of direct talks between the delegations of Russia and Ukraine in Istanbul, hosted by Türkiye, May to July 2025.","key":"istanbul-2025","name":"Russia–Ukraine direct talks, Istanbul, 2025","voided":false}','loaded from data/istanbul-2025','a581ee1898d0706a72a8ab17909887c591d1b09616461721e593b74fd9ac3b3d','4fc53e0d2a9230df77fa7ca0cbb21daad92843aca9fcd418f5e648e1b77b9d5f');
INSERT INTO journal VALUES(43,'2026-12-02T04:31:32.370316Z','archivist','add','round','istanbul-2025-r1','{"city":"Istanbul","country":"Türkiye","end_date":"","heads":"UKR=Rustem Umerov;RUS=Vladimir Medinsky","hosts":"TUR","key":"istanbul-2025-r1","mediators":"TUR","notes":"Chaired by Turkish Foreign Minister Hakan Fidan.","number":"1","observers":"","parties":"UKR;RUS","process":"istanbul-2025","sources":"tass-1959169;pravda-7512561;hindustantimes-101747404933556","start_date":"2025-05-16","status":"held","venue":"Dolmabahçe Palace","voided":false}','loaded from data/istanbul-2025','4fc53e0d2a9230df77fa7ca0cbb21daad92843aca9fcd418f5e648e1b77b9d5f','d2b2d91e5c5aab470d7396ef9dd508371b18505c49088da01500600043bb98ba');
INSERT INTO journal VALUES(44,'2026-12-02T04:31:32.370411Z','archivist','add','round','istanbul-2025-r2','{"city":"Istanbul","country":"Türkiye","end_date":"","heads":"UKR=Rustem Umerov;RUS=Vladimir Medinsky","hosts":"TUR","key":"istanbul-2025-r2","mediators":"TUR","notes":"","number":"2","observers":"","parties":"UKR;RUS","process":"istanbul-2025","sources":"wionews-1748869852279;politico-russia-ukraine-war-ceasefire-peace-talks;tass-1967455","start_date":"2025-06-02","status":"held","venue":"Çırağan Palace","voided":false}','loaded from data/istanbul-2025','d2b2d91e5c5aab470d7396ef9dd508371b18505c49088da01500600043bb98ba','23b00f38c773405c4128e0b0a6678fbfc3ce7d77473a77324ccd54d225197487');
INSERT INTO journal VALUES(45,'2026-12-02T04:31:32.370440Z','archivist','add','round','istanbul-2025-r3','{"city":"Istanbul","country":"Türkiye","end_date":"","heads":"UKR=Rustem Umerov;RUS=Vladimir Medinsky","hosts":"TUR","key":"istanbul-2025-r3","mediators":"TUR","notes":"About 40 minutes. The date was announced differently beforehand (see the claims).","number":"3","observers":"","parties":"UKR;RUS","process":"istanbul-2025","sources":"anews-2025-07-23;wionews-1753299653042;meduza-2025-07-24-more-swaps-but-no-deal","start_date":"2025-07-23","status":"held","venue":"Çırağan Palace","voided":false}','loaded from data/istanbul-2025','23b00f38c773405c4128e0b0a6678fbfc3ce7d77473a77324ccd54d225197487','ae9c69458cca0f45821e3d8e22cba98e25d5b5fbb2b4bd4be1c315368aca93fa');
INSERT INTO journal VALUES(46,'2026-12-02T04:31:32.423720Z','archivist','add','term','r1-ceasefire-memoranda','{"category":"other","condition":"","deadline":"","description":"Each side to present a written ceasefire proposal (memorandum)","key":"r1-ceasefire-memoranda","max_age":"","min_age":"","obligations":[],"round":"istanbul-2025-r1","sources":"tass-1959169;pravda-7512561;hindustantimes-101747404933556","status":"agreed","supersedes":"","voided":false}','loaded from data/istanbul-2025','ae9c69458cca0f45821e3d8e22cba98e25d5b5fbb2b4bd4be1c315368aca93fa','7f04ef4beae031b03164a422e9913f7cf2addad6f8e1999dcf74c3496f492846');
INSERT INTO journal VALUES(47,'2026-12-02T04:31:32.423832Z','archivist','add','term','r1-pow-1000-for-1000','{"category":"pow","condition":"","deadline":"","description":"1,000-for-1,000 prisoner exchange","key":"r1-pow-1000-for-1000","max_age":"","min_age":"","obligations":[{"basis":"exact","deliverer":"UKR","quantity":"1000","receiver":"RUS"},{"basis":"exact","deliverer":"RUS","quantity":"1000","receiver":"UKR"}],"round":"istanbul-2025-r1","sources":"tass-1959169;pravda-7512561;hindustantimes-101747404933556","status":"agreed","supersedes":"","voided":false}','loaded from data/istanbul-2025','7f04ef4beae031b03164a422e9913f7cf2addad6f8e1999dcf74c3496f492846','9e7e04356f94daafa26e8884d8a8bf17569d5919c767beb4df1853a1ae3439a3');
INSERT INTO journal VALUES(48,'2026-12-02T04:31:32.423851Z','archivist','add','term','r2-bodies-6000','{"category":"bodies","condition":"","deadline":"","description":"6,000 bodies each side, in Ukraine''s account; Russia called its 6,000 a unilateral handover","key":"r2-bodies-6000","max_age":"","min_age":"","obligations":[{"basis":"exact","deliverer":"RUS","quantity":"6000","receiver":"UKR"},{"basis":"exact","deliverer":"UKR","quantity":"6000","receiver":"RUS"}],"round":"istanbul-2025-r2","sources":"wionews-1748869852279;politico-russia-ukraine-war-ceasefire-peace-talks;tass-1967455;chaspravdy-2025-07-23","status":"agreed","supersedes":"","voided":false}','loaded from data/istanbul-2025','9e7e04356f94daafa26e8884d8a8bf17569d5919c767beb4df1853a1ae3439a3','3a2bf8ba65b81951b7a2484ea5efc82df0627e030921df3c13b3f6405d194e94');
INSERT INTO journal VALUES(49,'2026-12-02T04:31:32.423868Z','archivist','add','term','r2-children-list','{"category":"child","condition":"","deadline":"","description":"Ukraine handed over a list of deported children for their return (339 names according to Medinsky)","key":"r2-children-list","max_age":"","min_age":"","obligations":[{"basis":"exact","deliverer":"RUS","quantity":"339","receiver":"UKR"}],"round":"istanbul-2025-r2","sources":"wionews-1748869852279;politico-russia-ukraine-war-ceasefire-peace-talks;tass-1967455","status":"proposed","supersedes":"","voided":false}','loaded from data/istanbul-2025','3a2bf8ba65b81951b7a2484ea5efc82df0627e030921df3c13b3f6405d194e94','a103865b9e6b0d307814c10112588c15b5b0d4ebc8971a174dab6a9471233a4f');
INSERT INTO journal VALUES(50,'2026-12-02T04:31:32.423888Z','archivist','add','term','r2-pow-aged-18-25','{"category":"pow","condition":"","deadline":"","description":"All-for-all exchange of prisoners aged 18–25","key":"r2-pow-aged-18-25","max_age":"25","min_age":"18","obligations":[{"basis":"all","deliverer":"UKR","quantity":"","receiver":"RUS"},{"basis":"all","deliverer":"RUS","quantity":"","receiver":"UKR"}],"round":"istanbul-2025-r2","sources":"wionews-1748869852279;politico-russia-ukraine-war-ceasefire-peace-talks;tass-1967455","status":"agreed","supersedes":"","voided":false}','loaded from data/istanbul-2025','a103865b9e6b0d307814c10112588c15b5b0d4ebc8971a174dab6a9471233a4f','e74817b2c18670ee31c7c0f48117ad03b5043acee70659bc6870a8d377fa509a');
INSERT INTO journal VALUES(51,'2026-12-02T04:31:32.423902Z','archivist','add','term','r2-pow-at-least-1000','{"category":"pow","condition":"","deadline":"","description":"Russia''s account of the round 2 exchange: no fewer than 1,000 prisoners each side, with medical commissions","key":"r2-pow-at-least-1000","max_age":"","min_age":"","obligations":[{"basis":"at-least","deliverer":"UKR","quantity":"1000","receiver":"RUS"},{"basis":"at-least","deliverer":"RUS","quantity":"1000","receiver":"UKR"}],"round":"istanbul-2025-r2","sources":"tass-1967455","status":"agreed","supersedes":"","voided":false}','loaded from data/istanbul-2025','e74817b2c18670ee31c7c0f48117ad03b5043acee70659bc6870a8d377fa509a','4af90fc2736ef70759feed261d5a7a4662fe9400e656bc8e6ca596a8bd9be576');
INSERT INTO journal VALUES(52,'2026-12-02T04:31:32.423914Z','archivist','add','term','r2-pow-severely-wounded-sick','{"category":"pow","condition":"severely wounded or sick","deadline":"","description":"All-for-all exchange of severely wounded and sick prisoners","key":"r2-pow-severely-wounded-sick","max_age":"","min_age":"","obligations":[{"basis":"all","deliverer":"UKR","quantity":"","receiver":"RUS"},{"basis":"all","deliverer":"RUS","quantity":"","receiver":"UKR"}],"round":"istanbul-2025-r2","sources":"wionews-1748869852279;politico-russia-ukraine-war-ceasefire-peace-talks;tass-1967455","status":"agreed","supersedes":"","voided":false}','loaded from data/istanbul-2025','4af90fc2736ef70759feed261d5a7a4662fe9400e656bc8e6ca596a8bd9be576','3975185b018f72113e978015fe1d66e792f0e054573cdd7fa671f25e592d8931');
INSERT INTO journal VALUES(53,'2026-12-02T04:31:32.423933Z','archivist','add','term','r3-bodies-3000','{"category":"bodies","condition":"","deadline":"","description":"Russia offered to hand over 3,000 more bodies","key":"r3-bodies-3000","max_age":"","min_age":"","obligations":[{"basis":"exact","deliverer":"RUS","quantity":"3000","receiver":"UKR"}],"round":"istanbul-2025-r3","sources":"anews-2025-07-23;wionews-1753299653042;meduza-2025-07-24-more-swaps-but-no-deal","status":"proposed","supersedes":"","voided":false}','loaded from data/istanbul-2025','3975185b018f72113e978015fe1d66e792f0e054573cdd7fa671f25e592d8931','a0ef57abe4cca85435e8324430b2a8f31952549c89235c222d035601293e4776');
INSERT INTO journal VALUES(54,'2026-12-02T04:31:32.423950Z','archivist','add','term','r3-civilians-kursk','{"category":"civilian","condition":"","deadline":"","description":"Russia offered to hand over about 30 civilians from Kursk region","key":"r3-civilians-kursk","max_age":"","min_age":"","obligations":[{"basis":"exact","deliverer":"RUS","quantity":"30","receiver":"UKR"}],"round":"istanbul-2025-r3","sources":"anews-2025-07-23;wionews-1753299653042;meduza-2025-07-24-more-swaps-but-no-deal","status":"proposed","supersedes":"","voided":false}','loaded from data/istanbul-2025','a0ef57abe4cca85435e8324430b2a8f31952549c89235c222d035601293e4776','bb78b2bba145b18f136a948b95b4d7bf7e015e893a341c63952e4aea66fa3324');
INSERT INTO journal VALUES(55,'2026-12-02T04:31:32.423959Z','archivist','add','term','r3-humanitarian-pauses','{"category":"other","condition":"","deadline":"","description":"Humanitarian pauses of 24 to 48 hours","key":"r3-humanitarian-pauses","max_age":"","min_age":"","obligations":[],"round":"istanbul-2025-r3","sources":"anews-2025-07-23;wionews-1753299653042;meduza-2025-07-24-more-swaps-but-no-deal","status":"proposed","supersedes":"","voided":false}','loaded from data/istanbul-2025','bb78b2bba145b18f136a948b95b4d7bf7e015e893a341c63952e4aea66fa3324','0463318038bd55d3be47e747a6774d9008483f876025bb81c4c654ca186b1d25');
INSERT INTO journal VALUES(56,'2026-12-02T04:31:32.423970Z','archivist','add','term','r3-pow-1200-for-1200','{"category":"pow","condition":"","deadline":"","description":"1,200-for-1,200 prisoner exchange","key":"r3-pow-1200-for-1200","max_age":"","min_age":"","obligations":[{"basis":"exact","deliverer":"UKR","quantity":"1200","receiver":"RUS"},{"basis":"exact","deliverer":"RUS","quantity":"1200","receiver":"UKR"}],"round":"istanbul-2025-r3","sources":"anews-2025-07-23;wionews-1753299653042;meduza-2025-07-24-more-swaps-but-no-deal","status":"agreed","supersedes":"","voided":false}','loaded from data/istanbul-2025','0463318038bd55d3be47e747a6774d9008483f876025bb81c4c654ca186b1d25','fe445079b49a11db3a304de3e191bd14b27cf4b039907ed71f91ed44a073cd14');
INSERT INTO journal VALUES(57,'2026-12-02T04:31:32.423978Z','archivist','add','term','r3-working-groups','{"category":"other","condition":"","deadline":"","description":"Three online working groups: political, military, humanitarian","key":"r3-working-groups","max_age":"","min_age":"","obligations":[],"round":"istanbul-2025-r3","sources":"anews-2025-07-23;wionews-1753299653042;meduza-2025-07-24-more-swaps-but-no-deal","status":"proposed","supersedes":"","voided":false}','loaded from data/istanbul-2025','fe445079b49a11db3a304de3e191bd14b27cf4b039907ed71f91ed44a073cd14','9ab1a8f2f688adff0dc005ca6e1e47600008419f7eda314c3238d60d76519372');
INSERT INTO journal VALUES(58,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-23-rus-ukr-civilian','{"category":"civilian","count":"120","date":"2025-05-23","deliverer":"RUS","exchange":"swap-2025-05-23","intermediaries":"","key":"2025-05-23-rus-ukr-civilian","location":"","notes":"","receiver":"UKR","sources":"pravda-7513734","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','9ab1a8f2f688adff0dc005ca6e1e47600008419f7eda314c3238d60d76519372','437575fe70263390c83428fd06a4e9509d1f7ed786eb3a139b79c7bfbae474d9');
INSERT INTO journal VALUES(59,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-23-rus-ukr-pow','{"category":"pow","count":"270","date":"2025-05-23","deliverer":"RUS","exchange":"swap-2025-05-23","intermediaries":"","key":"2025-05-23-rus-ukr-pow","location":"","notes":"","receiver":"UKR","sources":"pravda-7513734","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','437575fe70263390c83428fd06a4e9509d1f7ed786eb3a139b79c7bfbae474d9','0b63b335111fe6e6e29be60aeb33d19fa56e22ac1984fde58c1ef0d89dda0f38');
INSERT INTO journal VALUES(60,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-23-ukr-rus-civilian','{"category":"civilian","count":"120","date":"2025-05-23","deliverer":"UKR","exchange":"swap-2025-05-23","intermediaries":"","key":"2025-05-23-ukr-rus-civilian","location":"","notes":"","receiver":"RUS","sources":"pravda-7513734","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','0b63b335111fe6e6e29be60aeb33d19fa56e22ac1984fde58c1ef0d89dda0f38','1f96ae8482a8143b4fdd8b1568bf20124284ab750cc534f22849fac58489eafd');
INSERT INTO journal VALUES(61,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-23-ukr-rus-pow','{"category":"pow","count":"270","date":"2025-05-23","deliverer":"UKR","exchange":"swap-2025-05-23","intermediaries":"","key":"2025-05-23-ukr-rus-pow","location":"","notes":"","receiver":"RUS","sources":"pravda-7513734","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','1f96ae8482a8143b4fdd8b1568bf20124284ab750cc534f22849fac58489eafd','af7bda43057751dadd3ad6a744479fc63df56dcf90c916473a6f70100d93706e');
INSERT INTO journal VALUES(62,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-24-rus-ukr-pow','{"category":"pow","count":"307","date":"2025-05-24","deliverer":"RUS","exchange":"swap-2025-05-24","intermediaries":"","key":"2025-05-24-rus-ukr-pow","location":"","notes":"The source gives the figure per side without a split between military prisoners and civilians.","receiver":"UKR","sources":"menafn-1109591789","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','af7bda43057751dadd3ad6a744479fc63df56dcf90c916473a6f70100d93706e','ba91e5f5ef1cac7ce771d256e0e9f02e9fc97b6a107d26c18a6352b655d8f35e');
INSERT INTO journal VALUES(63,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-24-ukr-rus-pow','{"category":"pow","count":"307","date":"2025-05-24","deliverer":"UKR","exchange":"swap-2025-05-24","intermediaries":"","key":"2025-05-24-ukr-rus-pow","location":"","notes":"The source gives the figure per side without a split between military prisoners and civilians.","receiver":"RUS","sources":"menafn-1109591789","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','ba91e5f5ef1cac7ce771d256e0e9f02e9fc97b6a107d26c18a6352b655d8f35e','2addaf093dd84c458f8dd35c00442ee05d2d85dad6e0a0d92f9256303e94e3aa');
INSERT INTO journal VALUES(64,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-25-rus-ukr-pow','{"category":"pow","count":"303","date":"2025-05-25","deliverer":"RUS","exchange":"swap-2025-05-25","intermediaries":"","key":"2025-05-25-rus-ukr-pow","location":"","notes":"The source gives the figure per side without a split between military prisoners and civilians. This stage completed the 1,000.","receiver":"UKR","sources":"censor-3554211","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','2addaf093dd84c458f8dd35c00442ee05d2d85dad6e0a0d92f9256303e94e3aa','9a2af63bec312f09eb3f1f9c2d7ca2ad077b80c4843c0beec11fa657d1f224da');
INSERT INTO journal VALUES(65,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-05-25-ukr-rus-pow','{"category":"pow","count":"303","date":"2025-05-25","deliverer":"UKR","exchange":"swap-2025-05-25","intermediaries":"","key":"2025-05-25-ukr-rus-pow","location":"","notes":"The source gives the figure per side without a split between military prisoners and civilians. This stage completed the 1,000.","receiver":"RUS","sources":"censor-3554211","terms":"r1-pow-1000-for-1000","voided":false}','loaded from data/istanbul-2025','9a2af63bec312f09eb3f1f9c2d7ca2ad077b80c4843c0beec11fa657d1f224da','018c7ea120e00f7d003ca4259e22fb7eb24b38d22eb73b4525dc1f6bdfbfcdd9');
INSERT INTO journal VALUES(66,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-ukr-rus-bodies','{"category":"bodies","count":"78","date":"2025-06","deliverer":"UKR","exchange":"","intermediaries":"","key":"2025-06-ukr-rus-bodies","location":"","notes":"Mid-June; a single source gives this figure.","receiver":"RUS","sources":"head-post","terms":"r2-bodies-6000","voided":false}','loaded from data/istanbul-2025','018c7ea120e00f7d003ca4259e22fb7eb24b38d22eb73b4525dc1f6bdfbfcdd9','9ec48c0cadd946024f00f61544576632a901b77b198ec0f7965b57730abe57f1');
INSERT INTO journal VALUES(67,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-09-rus-ukr-pow','{"category":"pow","count":"undisclosed","date":"2025-06-09","deliverer":"RUS","exchange":"swap-2025-06-09","intermediaries":"","key":"2025-06-09-rus-ukr-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"UKR","sources":"trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','9ec48c0cadd946024f00f61544576632a901b77b198ec0f7965b57730abe57f1','3b3fe4c04f69cc0cd5a5211cef7649eb4fd390956f353d4fb4ab335ca3ceaba7');
INSERT INTO journal VALUES(68,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-09-ukr-rus-pow','{"category":"pow","count":"undisclosed","date":"2025-06-09","deliverer":"UKR","exchange":"swap-2025-06-09","intermediaries":"","key":"2025-06-09-ukr-rus-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"RUS","sources":"trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','3b3fe4c04f69cc0cd5a5211cef7649eb4fd390956f353d4fb4ab335ca3ceaba7','fcb3d8446a21cc49efa9cf4737c3352d254bcb041cf4430e5b68f1ad0365fe8f');
INSERT INTO journal VALUES(69,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-10-rus-ukr-pow','{"category":"pow","count":"undisclosed","date":"2025-06-10","deliverer":"RUS","exchange":"swap-2025-06-10","intermediaries":"","key":"2025-06-10-rus-ukr-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"UKR","sources":"trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','fcb3d8446a21cc49efa9cf4737c3352d254bcb041cf4430e5b68f1ad0365fe8f','fa6d1454610cb5fe7d4697b5cf6f9b3bdcdfe9c18c2e450e814951206107faef');
INSERT INTO journal VALUES(70,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-10-ukr-rus-pow','{"category":"pow","count":"undisclosed","date":"2025-06-10","deliverer":"UKR","exchange":"swap-2025-06-10","intermediaries":"","key":"2025-06-10-ukr-rus-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"RUS","sources":"trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','fa6d1454610cb5fe7d4697b5cf6f9b3bdcdfe9c18c2e450e814951206107faef','fc5b9471f4400c5c24657cb4c5b01d7e6c9e46bc58e54af82f819bab37f505cf');
INSERT INTO journal VALUES(71,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-11-rus-ukr-bodies','{"category":"bodies","count":"1212","date":"2025-06-11","deliverer":"RUS","exchange":"","intermediaries":"","key":"2025-06-11-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"pravda-7517351","terms":"r2-bodies-6000","voided":false}','loaded from data/istanbul-2025','fc5b9471f4400c5c24657cb4c5b01d7e6c9e46bc58e54af82f819bab37f505cf','495e40b4182570e002251b9187cb36b2428670e16870157fff4e6de3387ecf48');
INSERT INTO journal VALUES(72,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-12-rus-ukr-pow','{"category":"pow","count":"undisclosed","date":"2025-06-12","deliverer":"RUS","exchange":"swap-2025-06-12","intermediaries":"","key":"2025-06-12-rus-ukr-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended. Returnees to Ukraine were aged 22 to 59.","receiver":"UKR","sources":"moscowtimes-2025-06-12","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','495e40b4182570e002251b9187cb36b2428670e16870157fff4e6de3387ecf48','c9aa97aaad51e80c951ad5e4d5c4751ccbc970fe9b391fb368dc7ced74c65946');
INSERT INTO journal VALUES(73,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-12-ukr-rus-pow','{"category":"pow","count":"undisclosed","date":"2025-06-12","deliverer":"UKR","exchange":"swap-2025-06-12","intermediaries":"","key":"2025-06-12-ukr-rus-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"RUS","sources":"moscowtimes-2025-06-12","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','c9aa97aaad51e80c951ad5e4d5c4751ccbc970fe9b391fb368dc7ced74c65946','6bd21a5bcafb2e0a8437cd1c9a7445d1feb70476f5cd70c8bdf1b8a73bac6927');
INSERT INTO journal VALUES(74,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-13-rus-ukr-bodies','{"category":"bodies","count":"1200","date":"2025-06-13","deliverer":"RUS","exchange":"","intermediaries":"","key":"2025-06-13-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"liga-2025-06-13","terms":"r2-bodies-6000","voided":false}','loaded from data/istanbul-2025','6bd21a5bcafb2e0a8437cd1c9a7445d1feb70476f5cd70c8bdf1b8a73bac6927','e0b108afc285574d28f78a932203772fa8fb351b103b2cb30c299cdbb6cc763a');
INSERT INTO journal VALUES(75,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-14-rus-ukr-bodies','{"category":"bodies","count":"1200","date":"2025-06-14","deliverer":"RUS","exchange":"","intermediaries":"","key":"2025-06-14-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"censor-photonews-3558001","terms":"r2-bodies-6000","voided":false}','loaded from data/istanbul-2025','e0b108afc285574d28f78a932203772fa8fb351b103b2cb30c299cdbb6cc763a','dc769a9fb219d685423f30564da0a40a69d18fc26478ba34245ad9bfa18b6a62');
INSERT INTO journal VALUES(76,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-14-rus-ukr-pow','{"category":"pow","count":"undisclosed","date":"2025-06-14","deliverer":"RUS","exchange":"swap-2025-06-14","intermediaries":"","key":"2025-06-14-rus-ukr-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended. Returnees to Ukraine were mostly officers.","receiver":"UKR","sources":"pravda-7517139","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','dc769a9fb219d685423f30564da0a40a69d18fc26478ba34245ad9bfa18b6a62','e43471e3c2d23cde2db8e987904dc81c3eb5c9b06e2e840b37f0f60f586b91d4');
INSERT INTO journal VALUES(77,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-14-ukr-rus-pow','{"category":"pow","count":"undisclosed","date":"2025-06-14","deliverer":"UKR","exchange":"swap-2025-06-14","intermediaries":"","key":"2025-06-14-ukr-rus-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"RUS","sources":"pravda-7517139","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','e43471e3c2d23cde2db8e987904dc81c3eb5c9b06e2e840b37f0f60f586b91d4','aa6a6b1102a19bb97cc99e00f1c37265e64e4fd818b9a21615851681870ba78f');
INSERT INTO journal VALUES(78,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-15-rus-ukr-bodies','{"category":"bodies","count":"1200","date":"2025-06-15","deliverer":"RUS","exchange":"","intermediaries":"","key":"2025-06-15-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"pravda-7517351","terms":"r2-bodies-6000","voided":false}','loaded from data/istanbul-2025','aa6a6b1102a19bb97cc99e00f1c37265e64e4fd818b9a21615851681870ba78f','983b62306fafe5d2262395c733c05e487e5934facd4a03e04132a4be2f9609c4');
INSERT INTO journal VALUES(79,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-16-rus-ukr-bodies','{"category":"bodies","count":"1245","date":"2025-06-16","deliverer":"RUS","exchange":"","intermediaries":"","key":"2025-06-16-rus-ukr-bodies","location":"","notes":"Ukraine''s running total reached 6,057 under the Istanbul agreements on 16 June.","receiver":"UKR","sources":"pravda-7517351","terms":"r2-bodies-6000","voided":false}','loaded from data/istanbul-2025','983b62306fafe5d2262395c733c05e487e5934facd4a03e04132a4be2f9609c4','63f498322f4e5916052d5a97595fdf22e6ac79ef55bd77e93b4f991e6c26ec8d');
INSERT INTO journal VALUES(80,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-26-rus-ukr-pow','{"category":"pow","count":"undisclosed","date":"2025-06-26","deliverer":"RUS","exchange":"swap-2025-06-26","intermediaries":"","key":"2025-06-26-rus-ukr-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"UKR","sources":"trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','63f498322f4e5916052d5a97595fdf22e6ac79ef55bd77e93b4f991e6c26ec8d','75d88183e4ce4b4e21fa613412130f432c9b45da3fd109201dd1ed0ea6e0652e');
INSERT INTO journal VALUES(81,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-06-26-ukr-rus-pow','{"category":"pow","count":"undisclosed","date":"2025-06-26","deliverer":"UKR","exchange":"swap-2025-06-26","intermediaries":"","key":"2025-06-26-ukr-rus-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"RUS","sources":"trtworld-e8f4a5359941;moscowtimes-2025-06-12;pravda-7517139;moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','75d88183e4ce4b4e21fa613412130f432c9b45da3fd109201dd1ed0ea6e0652e','cf4825ea1479e0903fdcadca87b4de12d2da1faf4bcd5e934479a1323894d91b');
INSERT INTO journal VALUES(82,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-07-04-rus-ukr-pow','{"category":"pow","count":"undisclosed","date":"2025-07-04","deliverer":"RUS","exchange":"swap-2025-07-04","intermediaries":"","key":"2025-07-04-rus-ukr-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"UKR","sources":"moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','cf4825ea1479e0903fdcadca87b4de12d2da1faf4bcd5e934479a1323894d91b','d934de8c6bdf8f4e69f8529b81db3a963137a9105f386cc9a0b8faf5213e6a4b');
INSERT INTO journal VALUES(83,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-07-04-ukr-rus-pow','{"category":"pow","count":"undisclosed","date":"2025-07-04","deliverer":"UKR","exchange":"swap-2025-07-04","intermediaries":"","key":"2025-07-04-ukr-rus-pow","location":"","notes":"Stage of the round 2 exchange; Ukraine withheld per-stage counts until the series ended.","receiver":"RUS","sources":"moscowtimes-2025-07-04","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','d934de8c6bdf8f4e69f8529b81db3a963137a9105f386cc9a0b8faf5213e6a4b','b4bee84f5d047b0eced4ff0df89f91aa626cd51b134b7d723ff405ab5f33d039');
INSERT INTO journal VALUES(84,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-07-17-rus-ukr-bodies','{"category":"bodies","count":"1000","date":"2025-07-17","deliverer":"RUS","exchange":"bodies-2025-07-17","intermediaries":"","key":"2025-07-17-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"moscowtimes-2025-07-17","terms":"","voided":false}','loaded from data/istanbul-2025','b4bee84f5d047b0eced4ff0df89f91aa626cd51b134b7d723ff405ab5f33d039','dd9418459a7852821446096e90237de5d29008c6174d4d91193e75760d4ca1ca');
INSERT INTO journal VALUES(85,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-07-17-ukr-rus-bodies','{"category":"bodies","count":"19","date":"2025-07-17","deliverer":"UKR","exchange":"bodies-2025-07-17","intermediaries":"","key":"2025-07-17-ukr-rus-bodies","location":"","notes":"","receiver":"RUS","sources":"moscowtimes-2025-07-17","terms":"","voided":false}','loaded from data/istanbul-2025','dd9418459a7852821446096e90237de5d29008c6174d4d91193e75760d4ca1ca','b3a50ba6d525591d79a95ee31f3b7751a3e715dba34613d4e2e016ec9b0fe25d');
INSERT INTO journal VALUES(86,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-07-23-rus-ukr-pow','{"category":"pow","count":"undisclosed","date":"2025-07-23","deliverer":"RUS","exchange":"swap-2025-07-23","intermediaries":"","key":"2025-07-23-rus-ukr-pow","location":"","notes":"Medinsky gave about 250 per side (a single source, kept as a claim). Ukraine called it the ninth stage and said over 1,000 had returned across all round 2 stages.","receiver":"UKR","sources":"pravda-7523145","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','b3a50ba6d525591d79a95ee31f3b7751a3e715dba34613d4e2e016ec9b0fe25d','3f9383633f519ffa9e2b534e0c959b98b3edb18f53ecc803aa47379ac53433a0');
INSERT INTO journal VALUES(87,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-07-23-ukr-rus-pow','{"category":"pow","count":"undisclosed","date":"2025-07-23","deliverer":"UKR","exchange":"swap-2025-07-23","intermediaries":"","key":"2025-07-23-ukr-rus-pow","location":"","notes":"Medinsky gave about 250 per side (a single source, kept as a claim).","receiver":"RUS","sources":"pravda-7523145","terms":"r2-pow-severely-wounded-sick;r2-pow-aged-18-25;r2-pow-at-least-1000","voided":false}','loaded from data/istanbul-2025','3f9383633f519ffa9e2b534e0c959b98b3edb18f53ecc803aa47379ac53433a0','114929227d7be2e2fa0b87338371e34c14e7493eaf3e935f6f931241090d87b7');
INSERT INTO journal VALUES(88,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-14-rus-ukr-pow','{"category":"pow","count":"84","date":"2025-08-14","deliverer":"RUS","exchange":"swap-2025-08-14","intermediaries":"UAE","key":"2025-08-14-rus-ukr-pow","location":"","notes":"The public record marks its link to the Istanbul terms as disputed.","receiver":"UKR","sources":"moscowtimes-2025-08-14","terms":"","voided":false}','loaded from data/istanbul-2025','114929227d7be2e2fa0b87338371e34c14e7493eaf3e935f6f931241090d87b7','3903d25948ff2e2590eb39455e8638d955a99e1ecba22ac7db7d70e2294a9518');
INSERT INTO journal VALUES(89,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-14-ukr-rus-pow','{"category":"pow","count":"84","date":"2025-08-14","deliverer":"UKR","exchange":"swap-2025-08-14","intermediaries":"UAE","key":"2025-08-14-ukr-rus-pow","location":"","notes":"The public record marks its link to the Istanbul terms as disputed.","receiver":"RUS","sources":"moscowtimes-2025-08-14","terms":"","voided":false}','loaded from data/istanbul-2025','3903d25948ff2e2590eb39455e8638d955a99e1ecba22ac7db7d70e2294a9518','57c302231683378e6a0d3c8412b290eafcc90645bec304cf31c4339157837d58');
INSERT INTO journal VALUES(90,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-19-rus-ukr-bodies','{"category":"bodies","count":"1000","date":"2025-08-19","deliverer":"RUS","exchange":"bodies-2025-08-19","intermediaries":"","key":"2025-08-19-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"brecorder-40378667","terms":"","voided":false}','loaded from data/istanbul-2025','57c302231683378e6a0d3c8412b290eafcc90645bec304cf31c4339157837d58','9b719be171f46610e3783ac906f5c1601961249eb69e4f96cc828c64a10667ab');
INSERT INTO journal VALUES(91,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-19-ukr-rus-bodies','{"category":"bodies","count":"19","date":"2025-08-19","deliverer":"UKR","exchange":"bodies-2025-08-19","intermediaries":"","key":"2025-08-19-ukr-rus-bodies","location":"","notes":"","receiver":"RUS","sources":"brecorder-40378667","terms":"","voided":false}','loaded from data/istanbul-2025','9b719be171f46610e3783ac906f5c1601961249eb69e4f96cc828c64a10667ab','d9fcd304988c71580b0fae3011d74b7ed943475c029d731718004a517cc56d6a');
INSERT INTO journal VALUES(92,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-24-rus-ukr-civilian','{"category":"civilian","count":"8","date":"2025-08-24","deliverer":"RUS","exchange":"swap-2025-08-24","intermediaries":"","key":"2025-08-24-rus-ukr-civilian","location":"","notes":"The public record marks its link to the Istanbul terms as disputed.","receiver":"UKR","sources":"menafn-1109970605;themedialine","terms":"","voided":false}','loaded from data/istanbul-2025','d9fcd304988c71580b0fae3011d74b7ed943475c029d731718004a517cc56d6a','e3bd9559853be2791aadb4ca7cadda1eb57365e14a3a3ade919de4e0da328837');
INSERT INTO journal VALUES(93,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-24-rus-ukr-pow','{"category":"pow","count":"146","date":"2025-08-24","deliverer":"RUS","exchange":"swap-2025-08-24","intermediaries":"","key":"2025-08-24-rus-ukr-pow","location":"","notes":"The public record marks its link to the Istanbul terms as disputed.","receiver":"UKR","sources":"menafn-1109970605;themedialine","terms":"","voided":false}','loaded from data/istanbul-2025','e3bd9559853be2791aadb4ca7cadda1eb57365e14a3a3ade919de4e0da328837','6c7986da61546a9d5a9139f53642408973cf3c1c19375904e6fbbe1eb6ac9e8c');
INSERT INTO journal VALUES(94,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-24-ukr-rus-civilian','{"category":"civilian","count":"8","date":"2025-08-24","deliverer":"UKR","exchange":"swap-2025-08-24","intermediaries":"","key":"2025-08-24-ukr-rus-civilian","location":"","notes":"The public record marks its link to the Istanbul terms as disputed.","receiver":"RUS","sources":"menafn-1109970605;themedialine","terms":"","voided":false}','loaded from data/istanbul-2025','6c7986da61546a9d5a9139f53642408973cf3c1c19375904e6fbbe1eb6ac9e8c','1f53144ee97c98edc9f009ea101e80f39339abc7a6a2ed64e9e74d9ab0451f7f');
INSERT INTO journal VALUES(95,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-08-24-ukr-rus-pow','{"category":"pow","count":"146","date":"2025-08-24","deliverer":"UKR","exchange":"swap-2025-08-24","intermediaries":"","key":"2025-08-24-ukr-rus-pow","location":"","notes":"The public record marks its link to the Istanbul terms as disputed.","receiver":"RUS","sources":"menafn-1109970605;themedialine","terms":"","voided":false}','loaded from data/istanbul-2025','1f53144ee97c98edc9f009ea101e80f39339abc7a6a2ed64e9e74d9ab0451f7f','7ba0c7c8ca88daad64446b6833c97b5adf147daf34dc1e5354c67c8c2f3156d1');
INSERT INTO journal VALUES(96,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-09-18-rus-ukr-bodies','{"category":"bodies","count":"1000","date":"2025-09-18","deliverer":"RUS","exchange":"bodies-2025-09-18","intermediaries":"","key":"2025-09-18-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"moscowtimes-2025-09-18;hurriyetdailynews-213751","terms":"","voided":false}','loaded from data/istanbul-2025','7ba0c7c8ca88daad64446b6833c97b5adf147daf34dc1e5354c67c8c2f3156d1','1de66e106149333a77514385bb6d97187db077524a096f8deb9b31bedef7b344');
INSERT INTO journal VALUES(97,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-09-18-ukr-rus-bodies','{"category":"bodies","count":"24","date":"2025-09-18","deliverer":"UKR","exchange":"bodies-2025-09-18","intermediaries":"","key":"2025-09-18-ukr-rus-bodies","location":"","notes":"","receiver":"RUS","sources":"moscowtimes-2025-09-18;hurriyetdailynews-213751","terms":"","voided":false}','loaded from data/istanbul-2025','1de66e106149333a77514385bb6d97187db077524a096f8deb9b31bedef7b344','3ad9a4fe9cd08926ab0ea69a24edca8b097dc194c83e85a81104ee833ba79ac3');
INSERT INTO journal VALUES(98,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-10-02-rus-ukr-civilian','{"category":"civilian","count":"20","date":"2025-10-02","deliverer":"RUS","exchange":"swap-2025-10-02","intermediaries":"","key":"2025-10-02-rus-ukr-civilian","location":"","notes":"Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).","receiver":"UKR","sources":"trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896","terms":"r3-pow-1200-for-1200","voided":false}','loaded from data/istanbul-2025','3ad9a4fe9cd08926ab0ea69a24edca8b097dc194c83e85a81104ee833ba79ac3','363d7748cd4a0e2cf5cec4c3ddba821080d991454e553a1c6352df6e6f46c219');
INSERT INTO journal VALUES(99,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-10-02-rus-ukr-pow','{"category":"pow","count":"185","date":"2025-10-02","deliverer":"RUS","exchange":"swap-2025-10-02","intermediaries":"","key":"2025-10-02-rus-ukr-pow","location":"","notes":"Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).","receiver":"UKR","sources":"trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896","terms":"r3-pow-1200-for-1200","voided":false}','loaded from data/istanbul-2025','363d7748cd4a0e2cf5cec4c3ddba821080d991454e553a1c6352df6e6f46c219','d0074093dcc06924b85e4e581aefe643f873cff667106b74937e3751a4a8e89f');
INSERT INTO journal VALUES(100,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-10-02-ukr-rus-civilian','{"category":"civilian","count":"20","date":"2025-10-02","deliverer":"UKR","exchange":"swap-2025-10-02","intermediaries":"","key":"2025-10-02-ukr-rus-civilian","location":"","notes":"Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).","receiver":"RUS","sources":"trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896","terms":"r3-pow-1200-for-1200","voided":false}','loaded from data/istanbul-2025','d0074093dcc06924b85e4e581aefe643f873cff667106b74937e3751a4a8e89f','42255a47cfc20210e2e583a6b4a66de9e7ed79d11c87d4eec4ea679189584a4e');
INSERT INTO journal VALUES(101,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-10-02-ukr-rus-pow','{"category":"pow","count":"185","date":"2025-10-02","deliverer":"UKR","exchange":"swap-2025-10-02","intermediaries":"","key":"2025-10-02-ukr-rus-pow","location":"","notes":"Russia credits round 3; Ukraine says it was partly under the Istanbul agreements and partly its own 69th exchange (see the claims).","receiver":"RUS","sources":"trtworld-f6f8e8ff4259;kyivindependent-ukraine-russia-pow-swap;babel-121896","terms":"r3-pow-1200-for-1200","voided":false}','loaded from data/istanbul-2025','42255a47cfc20210e2e583a6b4a66de9e7ed79d11c87d4eec4ea679189584a4e','3595c6aafed7cef4d42c7159408b582dd0746b667124f882fa7543b7106a0ff1');
INSERT INTO journal VALUES(102,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-10-23-rus-ukr-bodies','{"category":"bodies","count":"1000","date":"2025-10-23","deliverer":"RUS","exchange":"bodies-2025-10-23","intermediaries":"","key":"2025-10-23-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"moscowtimes-2025-10-23","terms":"","voided":false}','loaded from data/istanbul-2025','3595c6aafed7cef4d42c7159408b582dd0746b667124f882fa7543b7106a0ff1','3fecc289fc8ae63e583b4c9977b553ec5095d7777df47bc645e84ecb52749069');
INSERT INTO journal VALUES(103,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-10-23-ukr-rus-bodies','{"category":"bodies","count":"31","date":"2025-10-23","deliverer":"UKR","exchange":"bodies-2025-10-23","intermediaries":"","key":"2025-10-23-ukr-rus-bodies","location":"","notes":"A single source gives this figure.","receiver":"RUS","sources":"eziguide","terms":"","voided":false}','loaded from data/istanbul-2025','3fecc289fc8ae63e583b4c9977b553ec5095d7777df47bc645e84ecb52749069','a2ede20fe8ecb55714c0e8d6e0804f63cdd55a36aa42343c8b4bdcf6a2bfc6e4');
INSERT INTO journal VALUES(104,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-11-20-rus-ukr-bodies','{"category":"bodies","count":"1000","date":"2025-11-20","deliverer":"RUS","exchange":"bodies-2025-11-20","intermediaries":"","key":"2025-11-20-rus-ukr-bodies","location":"","notes":"","receiver":"UKR","sources":"ndtv-9670706","terms":"","voided":false}','loaded from data/istanbul-2025','a2ede20fe8ecb55714c0e8d6e0804f63cdd55a36aa42343c8b4bdcf6a2bfc6e4','96cdb79778eac5f1825554a3e2677827ac13274eed289931cfa1062676e9143d');
INSERT INTO journal VALUES(105,'2026-12-02T04:31:32.450108Z','archivist','add','transfer','2025-11-20-ukr-rus-bodies','{"category":"bodies","count":"30","date":"2025-11-20","deliverer":"UKR","exchange":"bodies-2025-11-20","intermediaries":"","key":"2025-11-20-ukr-rus-bodies","location":"","notes":"Reported by Russian state media citing unnamed sources.","receiver":"RUS","sources":"ndtv-9670706","terms":"","voided":false}','loaded from data/istanbul-2025','96cdb79778eac5f1825554a3e2677827ac13274eed289931cfa1062676e9143d','3c85e6b8e1f1350c9326d3fc845ae2a197ee6ee6fb20c9321d3091d47d28f568');
INSERT INTO journal VALUES(106,'2026-12-02T04:31:32.479772Z','archivist','add','claim','1','{"claimant":"Volodymyr Zelensky","field":"start_date","quote":"Ukrainian President Volodymyr Zelensky previously indicated that talks could take place on July 23","source":"chaspravdy-2025-07-23","stated_on":"","subject":"round:istanbul-2025-r3","value":"2025-07-23","voided":false}','loaded from data/istanbul-2025','3c85e6b8e1f1350c9326d3fc845ae2a197ee6ee6fb20c9321d3091d47d28f568','afb5e08697a170f7fd5973fca03f536ec90044995bd38eeeeb899d9350e36c23');
INSERT INTO journal VALUES(107,'2026-12-02T04:31:32.479865Z','archivist','add','claim','2','{"claimant":"Kremlin","field":"start_date","quote":"Kremlin officials announced that delegations are planning to arrive on July 23, with negotiations set to commence on July 24","source":"chaspravdy-2025-07-23","stated_on":"","subject":"round:istanbul-2025-r3","value":"2025-07-24","voided":false}','loaded from data/istanbul-2025','afb5e08697a170f7fd5973fca03f536ec90044995bd38eeeeb899d9350e36c23','427a7fe4142ae274d4bcea4c29f18cc8b352e3a43a527feeb0c0cfd452421645');
INSERT INTO journal VALUES(108,'2026-12-02T04:31:32.479881Z','archivist','add','claim','3','{"claimant":"Türkçe (Turkish media)","field":"start_date","quote":"the next meeting is tentatively scheduled for July 24 or 25 in Istanbul","source":"chaspravdy-2025-07-23","stated_on":"","subject":"round:istanbul-2025-r3","value":"2025-07-24 or 2025-07-25","voided":false}','loaded from data/istanbul-2025','427a7fe4142ae274d4bcea4c29f18cc8b352e3a43a527feeb0c0cfd452421645','b7a8ad3bb331c51b9c7daafb0388d77fd4d0160df54e693a82d62751e81d42da');
INSERT INTO journal VALUES(109,'2026-12-02T04:31:32.479894Z','archivist','add','claim','4','{"claimant":"","field":"description","quote":"both parties agreed to exchange severely wounded military personnel and bodies of the fallen—6,000 bodies on each side","source":"chaspravdy-2025-07-23","stated_on":"2025-07-23","subject":"term:r2-bodies-6000","value":"6,000 bodies on each side","voided":false}','loaded from data/istanbul-2025','b7a8ad3bb331c51b9c7daafb0388d77fd4d0160df54e693a82d62751e81d42da','7f2ebf16c789ac1cec93e295e8a7414e39e7f843e418fe332b25cc121b532bf9');
INSERT INTO journal VALUES(110,'2026-12-02T04:31:32.479904Z','archivist','add','claim','5','{"claimant":"Russia","field":"description","quote":"","source":"tass-1967455","stated_on":"","subject":"term:r2-bodies-6000","value":"A unilateral handover of 6,000 bodies by Russia, not an exchange","voided":false}','loaded from data/istanbul-2025','7f2ebf16c789ac1cec93e295e8a7414e39e7f843e418fe332b25cc121b532bf9','c4231a035863e52ec51c53973430cebd164a0548b38a3fd3342065bcbc3954de');
INSERT INTO journal VALUES(111,'2026-12-02T04:31:32.479924Z','archivist','add','claim','6','{"claimant":"Vladimir Medinsky","field":"quantity","quote":"","source":"tass-1967455","stated_on":"","subject":"term:r2-children-list","value":"339","voided":false}','loaded from data/istanbul-2025','c4231a035863e52ec51c53973430cebd164a0548b38a3fd3342065bcbc3954de','1219ddbe6a56eb7a88793690cc85c30dff595767b13132a272d3da57d400ab28');
INSERT INTO journal VALUES(112,'2026-12-02T04:31:32.479935Z','archivist','add','claim','7','{"claimant":"Vladimir Medinsky","field":"count","quote":"","source":"pravda-7523145","stated_on":"2025-07-23","subject":"transfer:2025-07-23-rus-ukr-pow","value":"about 250","voided":false}','loaded from data/istanbul-2025','1219ddbe6a56eb7a88793690cc85c30dff595767b13132a272d3da57d400ab28','4d715622186952c44526854da27f5625c8b1c98b0eea78478e509e84d10893f7');
INSERT INTO journal VALUES(113,'2026-12-02T04:31:32.479943Z','archivist','add','claim','8','{"claimant":"Vladimir Medinsky","field":"count","quote":"","source":"pravda-7523145","stated_on":"2025-07-23","subject":"transfer:2025-07-23-ukr-rus-pow","value":"about 250","voided":false}','loaded from data/istanbul-2025','4d715622186952c44526854da27f5625c8b1c98b0eea78478e509e84d10893f7','ef9447aacc88a50ba8657faf365837d1dc9c500b4a976f80ccbcd64eb25ffb39');
INSERT INTO journal VALUES(114,'2026-12-02T04:31:32.479951Z','archivist','add','claim','9','{"claimant":"Russia","field":"terms","quote":"","source":"trtworld-f6f8e8ff4259","stated_on":"","subject":"transfer:2025-10-02-rus-ukr-pow","value":"r3-pow-1200-for-1200 (round 3)","voided":false}','loaded from data/istanbul-2025','ef9447aacc88a50ba8657faf365837d1dc9c500b4a976f80ccbcd64eb25ffb39','f6d41235c1734eb0af0aed6d3159dd4b7a3eea454df6ce21e40878ce4820ba45');
INSERT INTO journal VALUES(115,'2026-12-02T04:31:32.479959Z','archivist','add','claim','10','{"claimant":"Ukraine","field":"terms","quote":"","source":"kyivindependent-ukraine-russia-pow-swap","stated_on":"","subject":"transfer:2025-10-02-rus-ukr-pow","value":"partly the Istanbul agreements, partly Ukraine''s own 69th exchange","voided":false}','loaded from data/istanbul-2025','f6d41235c1734eb0af0aed6d3159dd4b7a3eea454df6ce21e40878ce4820ba45','090511e613f29e68c2601fd33caf0289575bfc4d978d8fc3a42ca94a39d7c670');
INSERT INTO journal VALUES(116,'2026-12-02T04:31:32.479979Z','archivist','add','claim','11','{"claimant":"Russia","field":"terms","quote":"","source":"trtworld-f6f8e8ff4259","stated_on":"","subject":"transfer:2025-10-02-ukr-rus-pow","value":"r3-pow-1200-for-1200 (round 3)","voided":false}','loaded from data/istanbul-2025','090511e613f29e68c2601fd33caf0289575bfc4d978d8fc3a42ca94a39d7c670','451239c7baca878b83472207b60f16edfef988d494429374875fa7ca45628b72');
INSERT INTO journal VALUES(117,'2026-12-02T04:31:32.479993Z','archivist','add','claim','12','{"claimant":"Ukraine","field":"terms","quote":"","source":"kyivindependent-ukraine-russia-pow-swap","stated_on":"","subject":"transfer:2025-10-02-ukr-rus-pow","value":"partly the Istanbul agreements, partly Ukraine''s own 69th exchange","voided":false}','loaded from data/istanbul-2025','451239c7baca878b83472207b60f16edfef988d494429374875fa7ca45628b72','c872cb4734adf4790857d0db7b0c9a4e85985ed345d04147639afc672fdcfdc3');
INSERT INTO journal VALUES(118,'2026-12-02T04:31:32.480001Z','archivist','add','claim','13','{"claimant":"","field":"count","quote":"","source":"head-post","stated_on":"","subject":"transfer:2025-06-ukr-rus-bodies","value":"78","voided":false}','loaded from data/istanbul-2025','c872cb4734adf4790857d0db7b0c9a4e85985ed345d04147639afc672fdcfdc3','f137cd99abbd26f6642cf2a6604ecd8ced0676f4cc642f2e340d22c691e313d4');
INSERT INTO journal VALUES(119,'2026-12-02T04:31:32.480008Z','archivist','add','claim','14','{"claimant":"","field":"count","quote":"","source":"eziguide","stated_on":"","subject":"transfer:2025-10-23-ukr-rus-bodies","value":"31","voided":false}','loaded from data/istanbul-2025','f137cd99abbd26f6642cf2a6604ecd8ced0676f4cc642f2e340d22c691e313d4','55e5c6883cbc78a0130bc4aef9e65414c68150a1d5cb984dea5fc342eec353d2');
INSERT INTO journal VALUES(120,'2026-12-02T04:31:32.480016Z','archivist','add','claim','15','{"claimant":"Russian state media (unnamed sources)","field":"count","quote":"","source":"ndtv-9670706","stated_on":"","subject":"transfer:2025-11-20-ukr-rus-bodies","value":"30","voided":false}','loaded from data/istanbul-2025','55e5c6883cbc78a0130bc4aef9e65414c68150a1d5cb984dea5fc342eec353d2','f42d2743a640e3c366d2b9866448053eeb149c933a0b07d6733019857c14a6fb');
INSERT INTO journal VALUES(121,'2026-12-02T04:31:32.487055Z','archivist','add','assertion','bodies-to-ukr-istanbul-2025-06-16','{"as_of":"2025-06-16","category":"bodies","deliverer":"RUS","expected":"6057","key":"bodies-to-ukr-istanbul-2025-06-16","receiver":"UKR","scope":"process:istanbul-2025","source":"pravda-7517351","voided":false}','loaded from data/istanbul-2025','f42d2743a640e3c366d2b9866448053eeb149c933a0b07d6733019857c14a6fb','7427fb9aa6ecf282a88d7ff8a930b94871bb2ecb207885ac65f56d720fcd12dd');
INSERT INTO journal VALUES(122,'2026-12-02T04:31:33.492116Z','archivist','amend','transfer','2025-05-23-rus-ukr-pow','{"category":"pow","count":"271","date":"2025-05-23","deliverer":"RUS","exchange":"swap-2025-05-23","intermediaries":"","key":"2025-05-23-rus-ukr-pow","location":"","notes":"","receiver":"UKR","sources":"pravda-7513734","terms":"r1-pow-1000-for-1000","voided":false}','a later count','7427fb9aa6ecf282a88d7ff8a930b94871bb2ecb207885ac65f56d720fcd12dd','5eb6592399fe42328ca2de0fa951cb382ea8a80244e7e8808b48f76781179d43');
INSERT INTO journal VALUES(123,'2026-12-02T04:31:34.029212Z','archivist','void','transfer','2025-05-23-rus-ukr-civilian','{"category":"civilian","count":"120","date":"2025-05-23","deliverer":"RUS","exchange":"swap-2025-05-23","intermediaries":"","key":"2025-05-23-rus-ukr-civilian","location":"","notes":"","receiver":"UKR","sources":"pravda-7513734","terms":"r1-pow-1000-for-1000","voided":true}','entered twice','5eb6592399fe42328ca2de0fa951cb382ea8a80244e7e8808b48f76781179d43','fbf0d24634e19573da8c7b993b681472c6068c13adfaa6c19151a38daae4f9ce');
INSERT INTO journal VALUES(124,'2026-12-02T04:31:34.512333Z','bob','amend','party','RUS','{"aliases":"Россия","code":"RUS","kind":"state","name":"Russian Federation","voided":false}','full name','fbf0d24634e19573da8c7b993b681472c6068c13adfaa6c19151a38daae4f9ce','e400ff0800907f2cf2bc305a7310c6f63025307d22d32b81d626df4331d47bd8');
CREATE TABLE IF NOT EXISTS "allocation_share" (
	id INTEGER NOT NULL, 
	transfer_id INTEGER NOT NULL, 
	obligation_id INTEGER, 
	amount INTEGER, 
	explicit BOOLEAN NOT NULL, 
	deliverer_id INTEGER NOT NULL, 
	receiver_id INTEGER NOT NULL, 
	category VARCHAR(16) NOT NULL, 
	date DATE NOT NULL, 
	date_precision VARCHAR(5) NOT NULL, 
	CONSTRAINT pk_allocation_share PRIMARY KEY (id), 
	CONSTRAINT ck_allocation_share_amount_non_negative CHECK (amount IS NULL OR amount >= 0), 
	CONSTRAINT fk_allocation_share_obligation_id_obligation FOREIGN KEY(obligation_id) REFERENCES obligation (id) ON DELETE CASCADE, 
	CONSTRAINT fk_allocation_share_transfer_id_transfer FOREIGN KEY(transfer_id) REFERENCES transfer (id) ON DELETE CASCADE
);
INSERT INTO allocation_share VALUES(3,3,1,120,1,5,2,'civilian','2025-05-23','day');
INSERT INTO allocation_share VALUES(4,4,1,270,1,5,2,'pow','2025-05-23','day');
INSERT INTO allocation_share VALUES(6,6,1,307,1,5,2,'pow','2025-05-24','day');
INSERT INTO allocation_share VALUES(8,8,1,303,1,5,2,'pow','2025-05-25','day');
INSERT INTO allocation_share VALUES(9,9,4,78,1,5,2,'bodies','2025-06-01','month');
INSERT INTO allocation_share VALUES(13,11,10,NULL,1,5,2,'pow','2025-06-09','day');
INSERT INTO allocation_share VALUES(14,11,6,NULL,1,5,2,'pow','2025-06-09','day');
INSERT INTO allocation_share VALUES(15,11,8,NULL,1,5,2,'pow','2025-06-09','day');
INSERT INTO allocation_share VALUES(19,13,10,NULL,1,5,2,'pow','2025-06-10','day');
INSERT INTO allocation_share VALUES(20,13,6,NULL,1,5,2,'pow','2025-06-10','day');
INSERT INTO allocation_share VALUES(21,13,8,NULL,1,5,2,'pow','2025-06-10','day');
INSERT INTO allocation_share VALUES(26,16,10,NULL,1,5,2,'pow','2025-06-12','day');
INSERT INTO allocation_share VALUES(27,16,6,NULL,1,5,2,'pow','2025-06-12','day');
INSERT INTO allocation_share VALUES(28,16,8,NULL,1,5,2,'pow','2025-06-12','day');
INSERT INTO allocation_share VALUES(34,20,10,NULL,1,5,2,'pow','2025-06-14','day');
INSERT INTO allocation_share VALUES(35,20,6,NULL,1,5,2,'pow','2025-06-14','day');
INSERT INTO allocation_share VALUES(36,20,8,NULL,1,5,2,'pow','2025-06-14','day');
INSERT INTO allocation_share VALUES(42,24,10,NULL,1,5,2,'pow','2025-06-26','day');
INSERT INTO allocation_share VALUES(43,24,6,NULL,1,5,2,'pow','2025-06-26','day');
INSERT INTO allocation_share VALUES(44,24,8,NULL,1,5,2,'pow','2025-06-26','day');
INSERT INTO allocation_share VALUES(48,26,10,NULL,1,5,2,'pow','2025-07-04','day');
INSERT INTO allocation_share VALUES(49,26,6,NULL,1,5,2,'pow','2025-07-04','day');
INSERT INTO allocation_share VALUES(50,26,8,NULL,1,5,2,'pow','2025-07-04','day');
INSERT INTO allocation_share VALUES(54,30,10,NULL,1,5,2,'pow','2025-07-23','day');
INSERT INTO allocation_share VALUES(55,30,6,NULL,1,5,2,'pow','2025-07-23','day');
INSERT INTO allocation_share VALUES(56,30,8,NULL,1,5,2,'pow','2025-07-23','day');
INSERT INTO allocation_share VALUES(59,43,14,20,1,5,2,'civilian','2025-10-02','day');
INSERT INTO allocation_share VALUES(60,44,14,185,1,5,2,'pow','2025-10-02','day');
INSERT INTO allocation_share VALUES(62,28,4,19,0,5,2,'bodies','2025-07-17','day');
INSERT INTO allocation_share VALUES(64,32,8,84,0,5,2,'pow','2025-08-14','day');
INSERT INTO allocation_share VALUES(66,34,4,19,0,5,2,'bodies','2025-08-19','day');
INSERT INTO allocation_share VALUES(69,37,NULL,8,0,5,2,'civilian','2025-08-24','day');
INSERT INTO allocation_share VALUES(70,38,8,146,0,5,2,'pow','2025-08-24','day');
INSERT INTO allocation_share VALUES(72,40,4,24,0,5,2,'bodies','2025-09-18','day');
INSERT INTO allocation_share VALUES(74,46,4,31,0,5,2,'bodies','2025-10-23','day');
INSERT INTO allocation_share VALUES(76,48,4,30,0,5,2,'bodies','2025-11-20','day');
INSERT INTO allocation_share VALUES(77,2,2,271,1,2,5,'pow','2025-05-23','day');
INSERT INTO allocation_share VALUES(78,5,2,307,1,2,5,'pow','2025-05-24','day');
INSERT INTO allocation_share VALUES(79,7,2,303,1,2,5,'pow','2025-05-25','day');
INSERT INTO allocation_share VALUES(80,10,11,NULL,1,2,5,'pow','2025-06-09','day');
INSERT INTO allocation_share VALUES(81,10,7,NULL,1,2,5,'pow','2025-06-09','day');
INSERT INTO allocation_share VALUES(82,10,9,NULL,1,2,5,'pow','2025-06-09','day');
INSERT INTO allocation_share VALUES(83,12,11,NULL,1,2,5,'pow','2025-06-10','day');
INSERT INTO allocation_share VALUES(84,12,7,NULL,1,2,5,'pow','2025-06-10','day');
INSERT INTO allocation_share VALUES(85,12,9,NULL,1,2,5,'pow','2025-06-10','day');
INSERT INTO allocation_share VALUES(86,14,3,1212,1,2,5,'bodies','2025-06-11','day');
INSERT INTO allocation_share VALUES(87,15,11,NULL,1,2,5,'pow','2025-06-12','day');
INSERT INTO allocation_share VALUES(88,15,7,NULL,1,2,5,'pow','2025-06-12','day');
INSERT INTO allocation_share VALUES(89,15,9,NULL,1,2,5,'pow','2025-06-12','day');
INSERT INTO allocation_share VALUES(90,17,3,1200,1,2,5,'bodies','2025-06-13','day');
INSERT INTO allocation_share VALUES(91,18,3,1200,1,2,5,'bodies','2025-06-14','day');
INSERT INTO allocation_share VALUES(92,19,11,NULL,1,2,5,'pow','2025-06-14','day');
INSERT INTO allocation_share VALUES(93,19,7,NULL,1,2,5,'pow','2025-06-14','day');
INSERT INTO allocation_share VALUES(94,19,9,NULL,1,2,5,'pow','2025-06-14','day');
INSERT INTO allocation_share VALUES(95,21,3,1200,1,2,5,'bodies','2025-06-15','day');
INSERT INTO allocation_share VALUES(96,22,3,1245,1,2,5,'bodies','2025-06-16','day');
INSERT INTO allocation_share VALUES(97,23,11,NULL,1,2,5,'pow','2025-06-26','day');
INSERT INTO allocation_share VALUES(98,23,7,NULL,1,2,5,'pow','2025-06-26','day');
INSERT INTO allocation_share VALUES(99,23,9,NULL,1,2,5,'pow','2025-06-26','day');
INSERT INTO allocation_share VALUES(100,25,11,NULL,1,2,5,'pow','2025-07-04','day');
INSERT INTO allocation_share VALUES(101,25,7,NULL,1,2,5,'pow','2025-07-04','day');
INSERT INTO allocation_share VALUES(102,25,9,NULL,1,2,5,'pow','2025-07-04','day');
INSERT INTO allocation_share VALUES(103,29,11,NULL,1,2,5,'pow','2025-07-23','day');
INSERT INTO allocation_share VALUES(104,29,7,NULL,1,2,5,'pow','2025-07-23','day');
INSERT INTO allocation_share VALUES(105,29,9,NULL,1,2,5,'pow','2025-07-23','day');
INSERT INTO allocation_share VALUES(106,41,15,20,1,2,5,'civilian','2025-10-02','day');
INSERT INTO allocation_share VALUES(107,42,15,185,1,2,5,'pow','2025-10-02','day');
INSERT INTO allocation_share VALUES(108,27,NULL,1000,0,2,5,'bodies','2025-07-17','day');
INSERT INTO allocation_share VALUES(109,31,2,84,0,2,5,'pow','2025-08-14','day');
INSERT INTO allocation_share VALUES(110,33,NULL,1000,0,2,5,'bodies','2025-08-19','day');
INSERT INTO allocation_share VALUES(111,35,NULL,8,0,2,5,'civilian','2025-08-24','day');
INSERT INTO allocation_share VALUES(112,36,2,35,0,2,5,'pow','2025-08-24','day');
INSERT INTO allocation_share VALUES(113,36,9,111,0,2,5,'pow','2025-08-24','day');
INSERT INTO allocation_share VALUES(114,39,NULL,1000,0,2,5,'bodies','2025-09-18','day');
INSERT INTO allocation_share VALUES(115,45,NULL,1000,0,2,5,'bodies','2025-10-23','day');
INSERT INTO allocation_share VALUES(116,47,NULL,1000,0,2,5,'bodies','2025-11-20','day');
CREATE TABLE write_lock (
	id INTEGER NOT NULL, 
	CONSTRAINT pk_write_lock PRIMARY KEY (id)
);
CREATE INDEX ix_party_alias_party_id ON party_alias (party_id);
CREATE INDEX ix_round_process_id ON round (process_id);
CREATE INDEX ix_transfer_exchange ON transfer (exchange);
CREATE INDEX ix_transfer_flow ON transfer (deliverer_id, receiver_id, category, date);
CREATE INDEX ix_transfer_receiver_id ON transfer (receiver_id);
CREATE INDEX ix_delegation_head_party_id ON delegation_head (party_id);
CREATE INDEX ix_round_participant_party_id ON round_participant (party_id);
CREATE INDEX ix_round_source_source_id ON round_source (source_id);
CREATE INDEX ix_term_round_id ON term (round_id);
CREATE INDEX ix_term_supersedes_id ON term (supersedes_id);
CREATE INDEX ix_transfer_intermediary_party_id ON transfer_intermediary (party_id);
CREATE INDEX ix_transfer_source_source_id ON transfer_source (source_id);
CREATE INDEX ix_allocation_term_id ON allocation (term_id);
CREATE INDEX ix_assertion_deliverer_id ON assertion (deliverer_id);
CREATE INDEX ix_assertion_process_id ON assertion (process_id);
CREATE INDEX ix_assertion_receiver_id ON assertion (receiver_id);
CREATE INDEX ix_assertion_round_id ON assertion (round_id);
CREATE INDEX ix_assertion_source_id ON assertion (source_id);
CREATE INDEX ix_assertion_term_id ON assertion (term_id);
CREATE INDEX ix_claim_round_id ON claim (round_id);
CREATE INDEX ix_claim_source_id ON claim (source_id);
CREATE INDEX ix_claim_term_id ON claim (term_id);
CREATE INDEX ix_claim_transfer_id ON claim (transfer_id);
CREATE UNIQUE INDEX uq_claim_statement ON claim (subject_type, coalesce(round_id, term_id, transfer_id), field, source_id, claimant);
CREATE INDEX ix_obligation_deliverer_id ON obligation (deliverer_id);
CREATE INDEX ix_obligation_receiver_id ON obligation (receiver_id);
CREATE INDEX ix_term_source_source_id ON term_source (source_id);
CREATE INDEX ix_journal_record ON journal (entity, "key", seq);
CREATE INDEX ix_transfer_date_key ON transfer (date, "key");
CREATE INDEX ix_allocation_share_transfer_id ON allocation_share (transfer_id);
CREATE INDEX ix_allocation_share_totals ON allocation_share (obligation_id, deliverer_id, receiver_id, category, date, date_precision, amount);
CREATE TRIGGER journal_extends_chain BEFORE INSERT ON journal
WHEN NEW.prev_hash IS NOT coalesce((SELECT hash FROM journal WHERE seq = NEW.seq - 1),
                                   CASE WHEN NEW.seq = 1 THEN '0000000000000000000000000000000000000000000000000000000000000000' END)
    OR NEW.entity NOT IN ('party', 'source', 'process', 'round', 'term', 'transfer', 'claim', 'assertion')
BEGIN
    SELECT RAISE(ABORT, 'journal entry refused: it does not extend the journal''s chain');
END;
COMMIT;
