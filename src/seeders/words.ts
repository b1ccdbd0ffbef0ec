// Vocabulary for generated volume data: real words, so `contains` filters find things.

export const adjectives = [
  'Silent', 'Hidden', 'Golden', 'Broken', 'Distant', 'Ancient', 'Crimson', 'Forgotten', 'Endless', 'Quiet',
  'Secret', 'Burning', 'Frozen', 'Wandering', 'Lost', 'Bright', 'Dark', 'Wild', 'Gentle', 'Restless',
  'Practical', 'Modern', 'Complete', 'Essential', 'Advanced',
];

export const nouns = [
  'Garden', 'River', 'Mountain', 'Kingdom', 'Harbor', 'Forest', 'Empire', 'Island', 'Library', 'Journey',
  'Shadow', 'Winter', 'Summer', 'Ocean', 'Tower', 'Letter', 'Promise', 'Storm', 'Voyage', 'City',
  'Desert', 'Bridge', 'Lantern', 'Orchard', 'Compass', 'Python', 'Database', 'Algorithm', 'Network', 'Kitchen',
];

export const topics = [
  'History', 'Science', 'Cooking', 'Poetry', 'Travel', 'Mathematics', 'Philosophy', 'Music', 'Gardening', 'Economics',
];

export const firstNames = [
  'Aarav', 'Maya', 'Liam', 'Olivia', 'Noah', 'Emma', 'Arjun', 'Sofia', 'Lucas', 'Isabella', 'Ravi', 'Chloe',
  'Mateo', 'Amara', 'Hiroshi', 'Elena', 'Kofi', 'Priya', 'Daniel', 'Fatima', 'Jonas', 'Ingrid', 'Omar', 'Lena',
  'Diego', 'Anika', 'Samuel', 'Yuki', 'Tomas', 'Zara',
];

export const lastNames = [
  'Sharma', 'Smith', 'Garcia', 'Nakamura', 'Okafor', 'Novak', 'Rossi', 'Kowalski', 'Andersen', 'Haddad',
  'Fernandes', 'Mehta', 'Dubois', 'Schmidt', 'Kim', 'Ivanova', 'Costa', 'Banerjee', 'Walker', 'Lindqvist',
  'Moreau', 'Tanaka', 'Mensah', 'Petrov', 'Silva', 'Chen', 'Nair', 'Johansson', 'Reyes', 'Adeyemi',
];

export const cities = [
  'Mumbai', 'Delhi', 'Kolkata', 'Chennai', 'London', 'Paris', 'Berlin', 'Madrid', 'Lisbon', 'Rome',
  'New York', 'Chicago', 'Toronto', 'Tokyo', 'Seoul', 'Sydney', 'Nairobi', 'Lagos', 'Cairo', 'Sao Paulo',
];

export const storeKinds = ['Books', 'Book Corner', 'Reading Room', 'Bookshop', 'Book Exchange', 'Paperbacks', 'Library Store', 'Book Bazaar'];
