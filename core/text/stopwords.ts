// Function words that carry no story. Short on purpose: IDF already discounts common words;
// these are the ones frequent enough to create false candidates in the inverted index.
export const RUSSIAN_STOPWORDS = new Set(
  `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне
было вот от меня еще нет о из ему теперь когда даже ну вдруг ли если уже или ни быть был него до
вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо ней для мы тебя
их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой
совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
наконец два об другой хоть после над больше тот через эти нас про всего них какая много разве три
эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им более всегда конечно
всю между это также который которая которые которых которое котором которой также из-за ещё свой
своих своей своего своим её этих тех этим весь вся всё всем всеми также однако пока лишь около
году года год млн млрд тыс руб рублей сообщает сообщил сообщила заявил заявила заявили словам
по-прежнему`.split(/\s+/),
);

export const ENGLISH_STOPWORDS = new Set(
  `a an the and or but if then else of to in on at by for with from about as into onto over under
is are was were be been being am do does did doing have has had having i you he she it we they me
him her us them my your his its our their this that these those there here what which who whom
whose when where why how all any both each few more most other some such no nor not only own same
so than too very can will just should would could may might must shall s t also up down out off
again further once new says said say after before while during until against between through
above below via per vs mr mrs ms report reports`.split(/\s+/),
);
