// The demo catalogue: the classic examples plus a few dozen public-domain classics.
// ISBNs are synthetic but valid (see isbn13FromSeed); quantities are per store.

export interface DemoAuthor {
  name: string;
  email: string;
  bio?: string;
}
export interface DemoBook {
  title: string;
  author: string;
  year?: number;
  price?: number;
  isbnSeed: number;
}
export interface DemoStore {
  name: string;
  city?: string;
}
export interface DemoStock {
  store: string;
  book: string;
  quantity: number;
}

const classicAuthors: DemoAuthor[] = [
  { name: 'Prakritish Sen Eshore', email: 'prakritish@example.com', bio: 'Writes about automation and Python.' },
  { name: 'Umang Vanjara', email: 'umang@example.com', bio: 'Coach and speaker on workplace communication.' },
  { name: 'Chandan Dutta', email: 'chandan@example.com' },
];

const classicAuthorsByName: [string, string][] = [
  ['Jane Austen', 'English novelist of the landed gentry (1775-1817).'],
  ['Charles Dickens', 'Victorian novelist and social critic.'],
  ['Herman Melville', 'American novelist of the sea.'],
  ['Mary Shelley', 'Author of the first science-fiction novel.'],
  ['Leo Tolstoy', 'Russian novelist and moral philosopher.'],
  ['Fyodor Dostoevsky', 'Russian novelist of the human psyche.'],
  ['Mark Twain', 'American humorist and novelist.'],
  ['George Eliot', 'Pen name of Mary Ann Evans, Victorian novelist.'],
  ['Charlotte Bronte', 'English novelist, eldest of the Bronte sisters.'],
  ['Emily Bronte', 'English novelist and poet.'],
  ['Arthur Conan Doyle', 'Creator of Sherlock Holmes.'],
  ['Jules Verne', 'French pioneer of adventure fiction.'],
  ['Oscar Wilde', 'Irish poet and playwright.'],
  ['Virginia Woolf', 'Modernist novelist and essayist.'],
  ['Joseph Conrad', 'Polish-British novelist of empire and the sea.'],
  ['Rabindranath Tagore', 'Bengali poet, Nobel laureate 1913.'],
  ['Louisa May Alcott', 'American novelist.'],
  ['H. G. Wells', 'English writer of scientific romances.'],
  ['Bram Stoker', 'Irish author of Dracula.'],
  ['Lewis Carroll', 'English writer and mathematician.'],
];

export const demoAuthors: DemoAuthor[] = [
  ...classicAuthors,
  ...classicAuthorsByName.map(([name, bio]) => ({
    name,
    bio,
    email: `${name
      .toLowerCase()
      .replace(/[^a-z]+/g, '.')
      .replace(/\.$/, '')}@example.org`,
  })),
];

const emailOf = (name: string): string => demoAuthors.find((a) => a.name === name)!.email;

const rawBooks: [string, string, number | undefined, number | undefined][] = [
  ['Ansible Refresher', 'Prakritish Sen Eshore', 2019, 24.99],
  ['Exploring SQLAlchemy', 'Prakritish Sen Eshore', 2020, 29.5],
  ['Effective Communication', 'Umang Vanjara', 2018, 15],
  ['Pride and Prejudice', 'Jane Austen', 1813, 9.99],
  ['Sense and Sensibility', 'Jane Austen', 1811, 8.99],
  ['Emma', 'Jane Austen', 1815, 10.5],
  ['Great Expectations', 'Charles Dickens', 1861, 11.99],
  ['A Tale of Two Cities', 'Charles Dickens', 1859, 9.49],
  ['Oliver Twist', 'Charles Dickens', 1838, 8.75],
  ['Moby-Dick', 'Herman Melville', 1851, 12.99],
  ['Bartleby, the Scrivener', 'Herman Melville', 1853, 4.99],
  ['Frankenstein', 'Mary Shelley', 1818, 7.99],
  ['War and Peace', 'Leo Tolstoy', 1869, 19.99],
  ['Anna Karenina', 'Leo Tolstoy', 1878, 14.99],
  ['Crime and Punishment', 'Fyodor Dostoevsky', 1866, 13.5],
  ['The Brothers Karamazov', 'Fyodor Dostoevsky', 1880, 16.99],
  ['The Adventures of Tom Sawyer', 'Mark Twain', 1876, 7.5],
  ['Adventures of Huckleberry Finn', 'Mark Twain', 1884, 8.5],
  ['Middlemarch', 'George Eliot', 1871, 13.99],
  ['Silas Marner', 'George Eliot', 1861, 6.99],
  ['Jane Eyre', 'Charlotte Bronte', 1847, 9.99],
  ['Wuthering Heights', 'Emily Bronte', 1847, 8.99],
  ['A Study in Scarlet', 'Arthur Conan Doyle', 1887, 6.5],
  ['The Hound of the Baskervilles', 'Arthur Conan Doyle', 1902, 7.99],
  ['Twenty Thousand Leagues Under the Seas', 'Jules Verne', 1870, 9.25],
  ['Around the World in Eighty Days', 'Jules Verne', 1872, 7.25],
  ['The Picture of Dorian Gray', 'Oscar Wilde', 1890, 8.25],
  ['The Importance of Being Earnest', 'Oscar Wilde', 1895, 5.99],
  ['Mrs Dalloway', 'Virginia Woolf', 1925, 10.99],
  ['To the Lighthouse', 'Virginia Woolf', 1927, 11.5],
  ['Heart of Darkness', 'Joseph Conrad', 1899, 5.5],
  ['Lord Jim', 'Joseph Conrad', 1900, 9.75],
  ['Gitanjali', 'Rabindranath Tagore', 1910, 6.75],
  ['The Home and the World', 'Rabindranath Tagore', 1916, 10.25],
  ['Little Women', 'Louisa May Alcott', 1868, 9.5],
  ['The Time Machine', 'H. G. Wells', 1895, 6.25],
  ['The War of the Worlds', 'H. G. Wells', 1898, 7.75],
  ['Dracula', 'Bram Stoker', 1897, 8.5],
  ["Alice's Adventures in Wonderland", 'Lewis Carroll', 1865, 6.99],
  ['Through the Looking-Glass', 'Lewis Carroll', 1871, undefined],
];

export const demoBooks: DemoBook[] = rawBooks.map(([title, author, year, price], i) => ({
  title,
  author: emailOf(author),
  year,
  price,
  isbnSeed: 100001 + i * 37,
}));

export const demoStores: DemoStore[] = [
  { name: 'Amazon', city: 'Seattle' },
  { name: 'Flipkart', city: 'Bengaluru' },
  { name: 'Oxford Bookstore', city: 'Kolkata' },
  { name: 'Shakespeare and Company', city: 'Paris' },
  { name: "Powell's City of Books", city: 'Portland' },
  { name: 'Strand Book Store', city: 'New York' },
  { name: "Blackwell's", city: 'Oxford' },
  { name: 'Daunt Books', city: 'London' },
  { name: 'Livraria Lello', city: 'Porto' },
  { name: 'Corner Library Kiosk' },
];

const classicStock: DemoStock[] = [
  { store: 'Amazon', book: 'Ansible Refresher', quantity: 10 },
  { store: 'Amazon', book: 'Exploring SQLAlchemy', quantity: 10 },
  { store: 'Amazon', book: 'Effective Communication', quantity: 10 },
  { store: 'Flipkart', book: 'Ansible Refresher', quantity: 5 },
  { store: 'Flipkart', book: 'Exploring SQLAlchemy', quantity: 5 },
];

// Every classic after the first three is stocked by two or three of the other stores, deterministically.
const otherStores = demoStores.slice(2).map((s) => s.name);
export const demoStock: DemoStock[] = [
  ...classicStock,
  ...demoBooks
    .slice(3)
    .flatMap((b, i) => otherStores.filter((_, s) => (i + s) % 3 === 0).map((store, s) => ({ store, book: b.title, quantity: (i * 7 + s * 3) % 12 }))),
];
